package dev.touchpoint.channel.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server on a loopback port whose replies a test chooses: it accepts, refuses a recipient with 550,
 * fails temporarily with 451, refuses credentials with 535, refuses the data with 554, drops the connection after the
 * data, or never greets. GreenMail always accepts, so the failure paths of the contract are driven by this one.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    enum Behaviour { ACCEPT, REJECT_RECIPIENT, TEMPORARY_FAILURE, REJECT_AUTH, REJECT_DATA, DROP_AFTER_DATA, STALL }

    private final ServerSocket serverSocket;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour = Behaviour.ACCEPT;

    ScriptedSmtpServer() throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "scripted-smtp-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    void behave(Behaviour next) {
        behaviour = next;
    }

    /** Accept again, forget what was received, and drop every open connection. */
    void reset() {
        behaviour = Behaviour.ACCEPT;
        accepted.clear();
        connections.set(0);
        dropAll();
    }

    /** Closes every client connection from the server side (as a server does with idle clients). */
    void dropAll() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    int connections() {
        return connections.get();
    }

    List<String> accepted() {
        return List.copyOf(accepted);
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        dropAll();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                open.add(socket);
                connections.incrementAndGet();
                Thread.ofVirtual().name("scripted-smtp-session").start(() -> session(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            if (behaviour == Behaviour.STALL) {
                while (in.readLine() != null) {
                    // say nothing: the client must time out
                }
                return;
            }
            reply(out, "220 scripted.test ESMTP ready");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO" -> reply(out, "250-scripted.test\r\n250-AUTH PLAIN\r\n250 8BITMIME");
                    case "HELO" -> reply(out, "250 scripted.test");
                    case "AUTH" -> {
                        if (line.trim().split(" ").length < 3) {
                            reply(out, "334 ");
                            in.readLine();
                        }
                        reply(out, behaviour == Behaviour.REJECT_AUTH
                                ? "535 5.7.8 Error: authentication failed: authentication failure"
                                : "235 2.7.0 Authentication successful");
                    }
                    case "MAIL" -> reply(out, behaviour == Behaviour.TEMPORARY_FAILURE
                            ? "451 4.3.0 Temporary local problem - please try later" : "250 2.1.0 Ok");
                    case "RCPT" -> {
                        String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                        reply(out, behaviour == Behaviour.REJECT_RECIPIENT
                                ? "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown"
                                : "250 2.1.5 Ok");
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        StringBuilder data = new StringBuilder();
                        String dataLine;
                        while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                            data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine).append("\r\n");
                        }
                        if (behaviour == Behaviour.DROP_AFTER_DATA) {
                            return;
                        }
                        if (behaviour == Behaviour.REJECT_DATA) {
                            reply(out, "554 5.7.1 Message rejected: spam content detected");
                        } else {
                            accepted.add(data.toString());
                            reply(out, "250 2.0.0 Ok: queued as 4Xyz" + accepted.size());
                        }
                    }
                    case "NOOP", "RSET" -> reply(out, "250 2.0.0 Ok");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 Error: command not recognized");
                }
            }
        } catch (IOException e) {
            // the client or the test closed the connection
        } finally {
            open.remove(socket);
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
