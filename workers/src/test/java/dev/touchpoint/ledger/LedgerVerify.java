package dev.touchpoint.ledger;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code ledger verify} of the command-line tool on a database, for tests outside this package. */
public final class LedgerVerify {

    private LedgerVerify() {}

    /** What the tool printed (stdout, then stderr); {@code Ledger intact: ...} when every chain verifies. */
    public static String verify(String url, String user, String password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LedgerCli.run(new String[]{"verify", "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return (out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)).strip();
    }
}
