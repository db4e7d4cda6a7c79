package io.hearth.messaging;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An SMTP server in front of the mail catcher that refuses the recipients it is told to with a permanent
 * {@code 550 5.1.1} at {@code RCPT TO}, as a provider does for a mailbox that does not exist, and hands every other
 * mail on to the catcher: a hard bounce as the relay meets it, without a real mail provider.
 */
final class BouncingSmtp implements AutoCloseable {

    private final ServerSocket server;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Session forward;

    BouncingSmtp(String catcherHost, int catcherPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Properties properties = new Properties();
        properties.put("mail.smtp.host", catcherHost);
        properties.put("mail.smtp.port", Integer.toString(catcherPort));
        this.forward = Session.getInstance(properties);
        Thread acceptor = new Thread(this::accept, "bouncing-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void refuse(String address) {
        refused.add(address.toLowerCase(Locale.ROOT));
    }

    void accept(String address) {
        refused.remove(address.toLowerCase(Locale.ROOT));
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread session = new Thread(() -> serve(socket), "bouncing-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 bouncing ESMTP");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 bouncing");
                } else if (command.startsWith("MAIL FROM:")) {
                    recipients.clear();
                    reply(out, "250 2.1.0 OK");
                } else if (command.startsWith("RCPT TO:")) {
                    String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                    if (refused.contains(address.toLowerCase(Locale.ROOT))) {
                        reply(out, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
                    } else {
                        recipients.add(address);
                        reply(out, "250 2.1.5 OK");
                    }
                } else if (command.equals("DATA")) {
                    if (recipients.isEmpty()) {
                        reply(out, "554 5.5.1 No valid recipients");
                        continue;
                    }
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder data = new StringBuilder();
                    String dataLine;
                    while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                        data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine).append("\r\n");
                    }
                    try {
                        MimeMessage message = new MimeMessage(forward, new ByteArrayInputStream(data.toString().getBytes(StandardCharsets.ISO_8859_1)));
                        InternetAddress[] to = new InternetAddress[recipients.size()];
                        for (int i = 0; i < to.length; i++) {
                            to[i] = new InternetAddress(recipients.get(i));
                        }
                        Transport.send(message, to);
                        reply(out, "250 2.0.0 OK");
                    } catch (jakarta.mail.MessagingException e) {
                        // The catcher did not take it: a temporary failure, which the relay tries again.
                        reply(out, "451 4.3.0 Could not hand the mail on: " + e.getMessage().replaceAll("[\\r\\n]", " "));
                    }
                } else if (command.equals("RSET") || command.equals("NOOP")) {
                    recipients.clear();
                    reply(out, "250 2.0.0 OK");
                } else if (command.equals("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 Not implemented");
                }
            }
        } catch (IOException e) {
            // The client hung up mid-session: nothing was accepted, so its relay tries again.
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
