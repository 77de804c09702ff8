package dev.touchpoint.bench.support;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/** A JFR recording ({@code profile} settings) of one measurement window, when asked for ({@code --jfr}). */
public final class JfrWindow {

    private final Recording recording;

    private JfrWindow(Recording recording) {
        this.recording = recording;
    }

    /** Starts recording now when {@code enabled}; otherwise a window that records nothing. */
    public static JfrWindow start(boolean enabled, String name) throws IOException, ParseException {
        if (!enabled) {
            return new JfrWindow(null);
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setName(name);
        recording.start();
        return new JfrWindow(recording);
    }

    /** Ends the window and writes it to {@code file} (nothing when not recording). */
    public void stop(Path file) throws IOException {
        if (recording == null) {
            return;
        }
        recording.dump(file);
        recording.close();
        BenchReport.log("JFR profile written to " + file);
    }
}
