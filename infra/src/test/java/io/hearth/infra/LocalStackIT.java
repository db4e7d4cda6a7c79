package io.hearth.infra;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalStackIT {

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(Map.of(), 0);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void servesEachServiceItsOwnPostgresDatabase() throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.APP), stack.dbUsername(), stack.dbPassword());
             ResultSet rs = connection.createStatement().executeQuery("select current_database(), version()")) {
            rs.next();

            assertThat(rs.getString(1)).isEqualTo("hearth_app");
            assertThat(rs.getString(2)).startsWith("PostgreSQL 17");
        }
    }

    @Test
    void keepsAppsCredentialsInADatabaseOfTheirOwn() throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.CREDENTIALS), stack.dbUsername(), stack.dbPassword());
             ResultSet rs = connection.createStatement().executeQuery("select current_database()")) {
            rs.next();

            assertThat(rs.getString(1)).isEqualTo("hearth_credentials");
            assertThat(stack.properties(LocalStack.Service.APP)).containsEntry("hearth.credentials-db.url", stack.jdbcUrl(LocalStack.Database.CREDENTIALS));
            assertThat(stack.properties(LocalStack.Service.TENANT_ADMIN)).doesNotContainKey("hearth.credentials-db.url");
        }
    }

    @Test
    void answersRedisPing() throws IOException {
        URI uri = URI.create(stack.properties(LocalStack.Service.APP).get("hearth.redis.uri"));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[7];
            int read = socket.getInputStream().read(reply);

            assertThat(new String(reply, 0, read, StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void acceptsKafkaConnections() throws IOException {
        String[] hostPort = stack.kafkaBootstrapServers().split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 2000);

            assertThat(socket.isConnected()).isTrue();
        }
    }

    @Test
    void showsReceivedMailOverHttp() throws Exception {
        MailCatcher catcher = stack.mailCatcher();
        com.icegreen.greenmail.util.GreenMailUtil.sendTextEmail("someone@demo.test", "hearth@localhost", "Hello", "Body text",
                new com.icegreen.greenmail.util.ServerSetup(catcher.smtpPort(), catcher.smtpHost(), "smtp"));

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(catcher.httpUrl() + "/messages")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"subject\":\"Hello\"").contains("someone@demo.test");
    }
}
