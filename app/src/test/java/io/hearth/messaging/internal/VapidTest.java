package io.hearth.messaging.internal;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VapidTest {

    private static final Pattern HEADER = Pattern.compile("vapid t=([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+), k=([A-Za-z0-9_-]+)");
    private static final URI ENDPOINT = URI.create("https://fcm.googleapis.com/fcm/send/dQw4w9WgXcQ:APA91bH-x");
    private static final Clock NINE_AM = Clock.fixed(Instant.parse("2025-03-01T09:00:00Z"), ZoneOffset.UTC);

    private final Vapid.Keys keys = Vapid.newKeys();
    private final Vapid vapid = Vapid.of(keys.privateKey(), keys.publicKey(), "mailto:push@hearth.example", NINE_AM);

    @Test
    void signsATokenThatVerifiesWithThePublicKeyItNames() throws GeneralSecurityException {
        Matcher header = parse(vapid.authorization(ENDPOINT));
        byte[] signature = decode(header.group(3));
        ECPublicKey publicKey = PushEncryption.p256dh(header.group(4));
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(publicKey);
        verifier.update((header.group(1) + "." + header.group(2)).getBytes(StandardCharsets.US_ASCII));

        boolean verified = verifier.verify(der(signature));

        assertThat(signature).hasSize(64);
        assertThat(verified).isTrue();
        assertThat(header.group(4)).isEqualTo(keys.publicKey()).isEqualTo(vapid.publicKey());
    }

    @Test
    void aJoseLibraryAcceptsTheToken() throws Exception {
        Matcher header = parse(vapid.authorization(ENDPOINT));

        SignedJWT jwt = SignedJWT.parse(header.group(1) + "." + header.group(2) + "." + header.group(3));

        assertThat(jwt.verify(new ECDSAVerifier(PushEncryption.p256dh(keys.publicKey())))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(jwt.getJWTClaimsSet().getAudience()).isEqualTo(List.of("https://fcm.googleapis.com"));
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("mailto:push@hearth.example");
    }

    @Test
    void claimsNameTheOriginTheExpiryAndTheContact() {
        Matcher header = parse(vapid.authorization(ENDPOINT));

        String joseHeader = new String(decode(header.group(1)), StandardCharsets.UTF_8);
        String claims = new String(decode(header.group(2)), StandardCharsets.UTF_8);

        assertThat(joseHeader).isEqualTo("{\"typ\":\"JWT\",\"alg\":\"ES256\"}");
        assertThat(claims).isEqualTo("{\"aud\":\"https://fcm.googleapis.com\",\"exp\":" + Instant.parse("2025-03-01T21:00:00Z").getEpochSecond()
                + ",\"sub\":\"mailto:push@hearth.example\"}");
    }

    @Test
    void expiresTwelveHoursAfterTheClock() throws Exception {
        Clock later = Clock.fixed(Instant.parse("2025-06-30T23:30:00Z"), ZoneOffset.UTC);
        Vapid vapid = Vapid.of(keys.privateKey(), keys.publicKey(), "https://hearth.example/contact", later);

        Matcher header = parse(vapid.authorization(ENDPOINT));

        Instant expiry = SignedJWT.parse(header.group(1) + "." + header.group(2) + "." + header.group(3)).getJWTClaimsSet().getExpirationTime().toInstant();
        assertThat(expiry).isEqualTo(Instant.parse("2025-07-01T11:30:00Z"));
    }

    @ParameterizedTest
    @CsvSource({
            "https://fcm.googleapis.com/fcm/send/abc, https://fcm.googleapis.com",
            "https://updates.push.services.mozilla.com/wpush/v2/gAAAA?x=1#y, https://updates.push.services.mozilla.com",
            "https://web.push.apple.com:443/QGuQyavXutnMH, https://web.push.apple.com",
            "https://Push.Example.NET:8443/p/1, https://push.example.net:8443",
            "http://localhost:8025/push/1, http://localhost:8025",
            "http://localhost:80/push/1, http://localhost",
    })
    void theAudienceIsTheEndpointsOriginWithoutItsPath(String endpoint, String audience) {
        String origin = Vapid.origin(URI.create(endpoint));

        assertThat(origin).isEqualTo(audience);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "push@hearth.example", "mailto:", "mailto:nobody", "mailto:a b@hearth.example", "http://hearth.example",
            "https://", "https:/relative", "ftp://hearth.example", "mailto:\"x\"@hearth.example", "hearth.example"})
    void refusesASubjectThatIsNotAMailtoAddressOrAnHttpsUrl(String subject) {
        assertThatThrownBy(() -> Vapid.of(keys.privateKey(), keys.publicKey(), subject, NINE_AM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mailto: address or an https: URL");
    }

    @Test
    void refusesNoSubject() {
        assertThatThrownBy(() -> Vapid.of(keys.privateKey(), keys.publicKey(), null, NINE_AM))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mailto:push@hearth.example", "MAILTO:ops+push@mail.hearth.example", "https://hearth.example", "https://hearth.example/contact"})
    void acceptsAMailtoAddressOrAnHttpsUrlAsSubject(String subject) {
        Vapid vapid = Vapid.of(keys.privateKey(), keys.publicKey(), subject, NINE_AM);

        assertThat(vapid.authorization(ENDPOINT)).startsWith("vapid t=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/fcm/send/abc", "mailto:push@hearth.example", "wss://push.example.net/x"})
    void refusesAnEndpointThatIsNotAnHttpUrl(String endpoint) {
        assertThatThrownBy(() -> vapid.authorization(URI.create(endpoint)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absolute http(s) URL");
    }

    @Test
    void loadsTheRfc8291ExampleKeysAsWebPushPrintsThem() {
        Vapid vapid = Vapid.of("yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw",
                "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8", "mailto:push@hearth.example", NINE_AM);

        String authorization = vapid.authorization(ENDPOINT);

        assertThat(authorization).endsWith(", k=BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8");
    }

    @Test
    void refusesAPublicKeyThatIsNotThePrivateKeys() {
        Vapid.Keys other = Vapid.newKeys();

        assertThatThrownBy(() -> Vapid.of(keys.privateKey(), other.publicKey(), "mailto:push@hearth.example", NINE_AM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not the private key's");
    }

    @Test
    void refusesMalformedKeys() {
        String shortPrivate = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[31]);

        assertThatThrownBy(() -> Vapid.of(shortPrivate, keys.publicKey(), "mailto:push@hearth.example", NINE_AM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VAPID keys are malformed")
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> Vapid.of(keys.privateKey(), "BP4z9KsN6nGRTbVYI_c7VJSP", "mailto:push@hearth.example", NINE_AM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65 bytes");
        assertThatThrownBy(() -> Vapid.of("not base64!", keys.publicKey(), "mailto:push@hearth.example", NINE_AM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VAPID private key is not base64url");
    }

    @Test
    void turnsADerSignatureWithShortIntegersIntoFixedWidthRAndS() {
        // r = 0x01 (leading zeros dropped), s = 0x80 followed by 31 bytes (a zero byte added to keep it positive).
        byte[] s = new byte[32];
        s[0] = (byte) 0x80;
        s[31] = 0x07;
        byte[] der = concat(new byte[] {0x30, 3 + 2 + 33, 0x02, 0x01, 0x01, 0x02, 33, 0x00}, s);

        byte[] jose = Vapid.joseSignature(der);

        byte[] expectedR = new byte[32];
        expectedR[31] = 0x01;
        assertThat(jose).isEqualTo(concat(expectedR, s));
    }

    @Test
    void printsNewKeysInTheFormsItLoads() {
        Vapid.Keys fresh = Vapid.newKeys();

        Vapid vapid = Vapid.of(fresh.privateKey(), fresh.publicKey(), "mailto:push@hearth.example", NINE_AM);

        assertThat(decode(fresh.privateKey())).hasSize(32);
        assertThat(decode(fresh.publicKey())).hasSize(65).startsWith((byte) 4);
        assertThat(vapid.publicKey()).isEqualTo(fresh.publicKey());
        assertThat(fresh.toString()).doesNotContain(fresh.privateKey());
    }

    private static Matcher parse(String authorization) {
        Matcher header = HEADER.matcher(authorization);
        assertThat(header.matches()).as("an Authorization header of the form vapid t=<JWT>, k=<key>: %s", authorization).isTrue();
        return header;
    }

    /** JOSE's r || s back into the DER sequence the JDK verifies, written apart from Vapid's conversion. */
    private static byte[] der(byte[] jose) {
        byte[] r = new BigInteger(1, Arrays.copyOfRange(jose, 0, 32)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(jose, 32, 64)).toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.write(2 + r.length + 2 + s.length);
        out.write(0x02);
        out.write(r.length);
        out.writeBytes(r);
        out.write(0x02);
        out.write(s.length);
        out.writeBytes(s);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] decode(String base64Url) {
        return Base64.getUrlDecoder().decode(base64Url);
    }
}
