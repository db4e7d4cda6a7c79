package io.hearth.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;

/**
 * Many WebSocket clients on one thread (NIO), for benchmarks: each sends an organisation's Host, signs in through
 * Sec-WebSocket-Protocol, answers pings and hands every text frame and close to the benchmark. Small on purpose: it
 * shares the machine's two cores with the app it measures.
 */
final class SocketLoad implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One client socket. */
    static final class Client {
        final int index;
        private final SocketChannel channel;
        private final ByteBuffer in = ByteBuffer.allocate(256 * 1024);
        private final String handshake;
        private boolean upgraded;
        volatile boolean closed;
        volatile int closeCode;

        private Client(int index, SocketChannel channel, String handshake) {
            this.index = index;
            this.channel = channel;
            this.handshake = handshake;
        }

        /** Sends a text frame (from any thread; small frames only). */
        synchronized void send(String text) throws IOException {
            write(0x1, text.getBytes(StandardCharsets.UTF_8));
        }

        void close() throws IOException {
            closed = true;
            channel.close();
        }

        private synchronized void write(int opcode, byte[] payload) throws IOException {
            ByteBuffer frame = ByteBuffer.allocate(payload.length + 14);
            frame.put((byte) (0x80 | opcode));
            if (payload.length < 126) {
                frame.put((byte) (0x80 | payload.length));
            } else {
                frame.put((byte) (0x80 | 126));
                frame.putShort((short) payload.length);
            }
            byte[] mask = new byte[4];
            RANDOM.nextBytes(mask);
            frame.put(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.put((byte) (payload[i] ^ mask[i % 4]));
            }
            frame.flip();
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
        }
    }

    private final Selector selector;
    private final InetSocketAddress address;
    private final String host;
    private final BiConsumer<Client, String> onText;
    private final BiConsumer<Client, Integer> onClose;
    private final ConcurrentLinkedQueue<Client> pending = new ConcurrentLinkedQueue<>();
    private final Thread loop;
    private volatile boolean running = true;

    SocketLoad(int port, String host, BiConsumer<Client, String> onText, BiConsumer<Client, Integer> onClose) throws IOException {
        this.selector = Selector.open();
        this.address = new InetSocketAddress("127.0.0.1", port);
        this.host = host;
        this.onText = onText;
        this.onClose = onClose;
        this.loop = new Thread(this::run, "socket-load");
        this.loop.setDaemon(true);
        this.loop.start();
    }

    /** Opens a client that signs in with the token in Sec-WebSocket-Protocol. */
    Client open(int index, String token) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        String handshake = "GET /api/v1/realtime HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Protocol: hearth.v1, bearer." + token + "\r\n\r\n";
        Client client = new Client(index, channel, handshake);
        channel.connect(address);
        pending.add(client);
        selector.wakeup();
        return client;
    }

    private void run() {
        while (running) {
            try {
                selector.select(100);
                for (Client client; (client = pending.poll()) != null; ) {
                    client.channel.register(selector, SelectionKey.OP_CONNECT, client);
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Client client = (Client) key.attachment();
                    try {
                        if (key.isValid() && key.isConnectable()) {
                            client.channel.finishConnect();
                            ByteBuffer request = ByteBuffer.wrap(client.handshake.getBytes(StandardCharsets.US_ASCII));
                            while (request.hasRemaining()) {
                                client.channel.write(request);
                            }
                            key.interestOps(SelectionKey.OP_READ);
                        } else if (key.isValid() && key.isReadable()) {
                            read(client, key);
                        }
                    } catch (IOException e) {
                        closed(client, key, 1006);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    e.printStackTrace();
                }
            }
        }
    }

    private void read(Client client, SelectionKey key) throws IOException {
        int read = client.channel.read(client.in);
        if (read < 0) {
            closed(client, key, 1006);
            return;
        }
        client.in.flip();
        if (!client.upgraded) {
            String text = StandardCharsets.US_ASCII.decode(client.in.duplicate()).toString();
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                client.in.compact();
                return;
            }
            if (!text.startsWith("HTTP/1.1 101")) {
                closed(client, key, -Integer.parseInt(text.substring(9, 12)));
                return;
            }
            client.upgraded = true;
            client.in.position(end + 4);
        }
        while (client.in.remaining() >= 2) {
            int start = client.in.position();
            int first = client.in.get() & 0xff;
            int second = client.in.get() & 0xff;
            long length = second & 0x7f;
            if (length == 126) {
                if (client.in.remaining() < 2) {
                    client.in.position(start);
                    break;
                }
                length = client.in.getShort() & 0xffff;
            } else if (length == 127) {
                if (client.in.remaining() < 8) {
                    client.in.position(start);
                    break;
                }
                length = client.in.getLong();
            }
            if (client.in.remaining() < length) {
                client.in.position(start);
                break;
            }
            byte[] payload = new byte[(int) length];
            client.in.get(payload);
            switch (first & 0x0f) {
                case 0x1 -> onText.accept(client, new String(payload, StandardCharsets.UTF_8));
                case 0x8 -> {
                    closed(client, key, payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005);
                    return;
                }
                case 0x9 -> client.write(0xA, payload);
                default -> {
                }
            }
        }
        client.in.compact();
    }

    private void closed(Client client, SelectionKey key, int code) {
        key.cancel();
        try {
            client.channel.close();
        } catch (IOException ignored) {
            // closing a socket that already failed
        }
        if (!client.closed) {
            client.closed = true;
            client.closeCode = code;
            onClose.accept(client, code);
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            loop.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : List.copyOf(selector.keys())) {
            key.channel().close();
        }
        selector.close();
    }
}
