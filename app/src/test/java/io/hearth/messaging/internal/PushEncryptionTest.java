package io.hearth.messaging.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 8291 §5's example, byte for byte, and a receiver written here from RFC 8291 §3.4 and RFC 8188 §2 (not from the
 * class under test), which reads both the RFC's body and ours.
 */
class PushEncryptionTest {

    // RFC 8291 §5 and Appendix A.
    private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    private static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    private static final String AUTH_SECRET = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_"
            + "yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    @Test
    void encryptsTheRfc8291ExampleByteForByte() {
        KeyPair server = new KeyPair(P256.publicKey(bytes(AS_PUBLIC)), P256.privateKey(bytes(AS_PRIVATE)));
        PushEncryption encryption = new PushEncryption(() -> bytes(SALT), () -> server);

        byte[] body = encryption.encrypt(PLAINTEXT.getBytes(StandardCharsets.UTF_8), PushEncryption.p256dh(UA_PUBLIC), PushEncryption.auth(AUTH_SECRET));

        assertThat(base64Url(body)).isEqualTo(BODY);
    }

    @Test
    void theTestsReceiverReadsTheRfc8291Example() {
        ECPrivateKey uaPrivate = P256.privateKey(bytes(UA_PRIVATE));

        byte[] plaintext = receive(bytes(BODY), uaPrivate, bytes(UA_PUBLIC), bytes(AUTH_SECRET));

        assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
    }

    @Test
    void aBrowserReadsWhatItIsSent() {
        KeyPair browser = newBrowserKeys();
        byte[] auth = new byte[16];
        new SecureRandom().nextBytes(auth);
        byte[] message = "{\"title\":\"Supper at eight\",\"body\":\"Bring a salad\"}".getBytes(StandardCharsets.UTF_8);

        byte[] body = new PushEncryption().encrypt(message, (ECPublicKey) browser.getPublic(), auth);

        assertThat(receive(body, (ECPrivateKey) browser.getPrivate(), pointOf(browser), auth)).isEqualTo(message);
        ByteBuffer header = ByteBuffer.wrap(body);
        header.position(16);
        assertThat(header.getInt()).isEqualTo(4096);
        assertThat(header.get()).isEqualTo((byte) 65);
        assertThat(body).hasSize(16 + 4 + 1 + 65 + message.length + 1 + 16);
    }

    /**
     * npm {@code http_ece} (Mozilla's implementation of RFC 8188 and 8291, which web-push libraries use) reads what we
     * send: an independent check beside the receiver above. It runs from the PWA's node_modules, which the build
     * installs before the tests.
     */
    @Test
    void npmHttpEceReadsWhatWeSend() throws Exception {
        java.nio.file.Path pwa = java.nio.file.Path.of("pwa");
        assertThat(pwa.resolve("node_modules/http_ece/ece.js")).as("npm ci in app/pwa installs http_ece").exists();
        KeyPair browser = newBrowserKeys();
        byte[] auth = new byte[16];
        new SecureRandom().nextBytes(auth);
        byte[] longest = new byte[3993];
        Arrays.fill(longest, (byte) 'z');
        List<byte[]> messages = List.of("{\"title\":\"Supper at eight\"}".getBytes(StandardCharsets.UTF_8),
                "Café, naïve, 日本, 🔥".getBytes(StandardCharsets.UTF_8), longest);
        StringBuilder bodies = new StringBuilder();
        for (byte[] message : messages) {
            bodies.append(bodies.length() == 0 ? "" : ",").append('"')
                    .append(base64Url(new PushEncryption().encrypt(message, (ECPublicKey) browser.getPublic(), auth))).append('"');
        }
        String input = "{\"d\":\"" + base64Url(unsigned32(((ECPrivateKey) browser.getPrivate()).getS())) + "\",\"auth\":\"" + base64Url(auth)
                + "\",\"bodies\":[" + bodies + "]}";
        String script = """
                const ece = require('http_ece'); const crypto = require('crypto');
                const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
                const receiver = crypto.createECDH('prime256v1'); receiver.setPrivateKey(Buffer.from(input.d, 'base64url'));
                for (const body of input.bodies) {
                  const plain = ece.decrypt(Buffer.from(body, 'base64url'), { version: 'aes128gcm', privateKey: receiver, authSecret: Buffer.from(input.auth, 'base64url') });
                  console.log(plain.toString('base64url'));
                }""";
        Process node = new ProcessBuilder("node", "-e", script).directory(pwa.toFile()).redirectErrorStream(true).start();
        node.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        node.getOutputStream().close();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(node.waitFor()).as("node said: %s", output).isZero();
        assertThat(output.strip().lines().map(PushEncryptionTest::bytes).toList()).containsExactlyElementsOf(messages);
    }

    @Test
    void eachMessageHasItsOwnSaltAndServerKey() {
        KeyPair browser = newBrowserKeys();
        PushEncryption encryption = new PushEncryption();
        byte[] message = "same".getBytes(StandardCharsets.UTF_8);

        byte[] first = encryption.encrypt(message, (ECPublicKey) browser.getPublic(), new byte[16]);
        byte[] second = encryption.encrypt(message, (ECPublicKey) browser.getPublic(), new byte[16]);

        assertThat(Arrays.copyOfRange(first, 0, 16)).isNotEqualTo(Arrays.copyOfRange(second, 0, 16));
        assertThat(Arrays.copyOfRange(first, 21, 86)).isNotEqualTo(Arrays.copyOfRange(second, 21, 86));
    }

    @Test
    void takesTheLongestPlaintextAPushServiceMustAccept() {
        KeyPair browser = newBrowserKeys();
        byte[] longest = new byte[3993];
        Arrays.fill(longest, (byte) 'a');

        byte[] body = new PushEncryption().encrypt(longest, (ECPublicKey) browser.getPublic(), new byte[16]);

        assertThat(body).hasSize(4096);
        assertThat(receive(body, (ECPrivateKey) browser.getPrivate(), pointOf(browser), new byte[16])).isEqualTo(longest);
    }

    @Test
    void refusesAPlaintextLongerThanOneRecordAPushServiceMustAccept() {
        KeyPair browser = newBrowserKeys();
        PushEncryption encryption = new PushEncryption();

        assertThatThrownBy(() -> encryption.encrypt(new byte[3994], (ECPublicKey) browser.getPublic(), new byte[16]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 3993 bytes");
    }

    @Test
    void refusesAnAuthSecretThatIsNot16Bytes() {
        KeyPair browser = newBrowserKeys();

        assertThatThrownBy(() -> new PushEncryption().encrypt(new byte[1], (ECPublicKey) browser.getPublic(), new byte[12]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
    }

    @Test
    void readsASubscriptionsKeys() {
        ECPublicKey p256dh = PushEncryption.p256dh(UA_PUBLIC);
        byte[] auth = PushEncryption.auth(AUTH_SECRET);

        assertThat(P256.point(p256dh)).isEqualTo(bytes(UA_PUBLIC));
        assertThat(auth).hasSize(16);
    }

    @Test
    void refusesAP256dhKeyOfTheWrongLength() {
        String short64 = base64Url(Arrays.copyOf(bytes(UA_PUBLIC), 64));

        assertThatThrownBy(() -> PushEncryption.p256dh(short64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p256dh")
                .hasMessageContaining("65 bytes");
    }

    @Test
    void refusesAP256dhKeyThatIsCompressed() {
        byte[] compressed = Arrays.copyOf(bytes(UA_PUBLIC), 33);
        compressed[0] = 0x02;

        assertThatThrownBy(() -> PushEncryption.p256dh(base64Url(compressed)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uncompressed");
    }

    @Test
    void refusesAP256dhKeyThatIsNotOnTheCurve() {
        byte[] moved = bytes(UA_PUBLIC);
        moved[64] ^= 1;

        assertThatThrownBy(() -> PushEncryption.p256dh(base64Url(moved)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a point on the P-256 curve");
    }

    @ParameterizedTest
    @ValueSource(strings = {"BCVxsr7N+eNgVRqv", "not base64!", "BCVxsr7N_eNgVRqvH"})
    void refusesAP256dhKeyThatIsNotBase64Url(String malformed) {
        assertThatThrownBy(() -> PushEncryption.p256dh(malformed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p256dh key is not base64url");
    }

    @Test
    void refusesAnAuthSecretOfTheWrongLength() {
        String fifteen = base64Url(new byte[15]);

        assertThatThrownBy(() -> PushEncryption.auth(fifteen))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auth secret must be 16 bytes, got 15");
    }

    @Test
    void refusesAnAuthSecretThatIsNotBase64Url() {
        assertThatThrownBy(() -> PushEncryption.auth("BTBZMqHH6r4Tts7J/aSIgg"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auth secret is not base64url");
    }

    /** The browser's side: RFC 8291 §3.4 key derivation, RFC 8188 §2 header and record, written apart from PushEncryption. */
    private static byte[] receive(byte[] body, ECPrivateKey uaPrivate, byte[] uaPoint, byte[] authSecret) {
        try {
            ByteBuffer in = ByteBuffer.wrap(body);
            byte[] salt = new byte[16];
            in.get(salt);
            int recordSize = in.getInt();
            byte[] asPoint = new byte[in.get() & 0xff];
            in.get(asPoint);
            byte[] record = new byte[in.remaining()];
            in.get(record);
            assertThat(record.length).isLessThanOrEqualTo(recordSize);

            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(uaPrivate);
            agreement.doPhase(publicKeyOf(asPoint, uaPrivate), true);
            byte[] ecdhSecret = agreement.generateSecret();
            byte[] prkKey = hkdfExtract(authSecret, ecdhSecret);
            byte[] keyInfo = concat("WebPush: info".getBytes(StandardCharsets.US_ASCII), new byte[1], uaPoint, asPoint);
            byte[] ikm = hkdfExpand(prkKey, keyInfo, 32);
            byte[] prk = hkdfExtract(salt, ikm);
            byte[] cek = hkdfExpand(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
            byte[] nonce = hkdfExpand(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);

            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
            byte[] padded = cipher.doFinal(record);
            int delimiter = padded.length - 1;
            while (padded[delimiter] == 0) {
                delimiter--;
            }
            assertThat(padded[delimiter]).as("the last record's padding delimiter").isEqualTo((byte) 2);
            return Arrays.copyOf(padded, delimiter);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("the body does not decrypt", e);
        }
    }

    private static ECPublicKey publicKeyOf(byte[] point, ECPrivateKey sameCurve) throws GeneralSecurityException {
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)), new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, sameCurve.getParams()));
    }

    private static byte[] hkdfExtract(byte[] salt, byte[] ikm) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        return mac.doFinal(ikm);
    }

    private static byte[] hkdfExpand(byte[] prk, byte[] info, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        return Arrays.copyOf(mac.doFinal(), length);
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(part -> part.length).sum());
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }

    private static byte[] pointOf(KeyPair keys) {
        ECPoint w = ((ECPublicKey) keys.getPublic()).getW();
        return concat(new byte[] {4}, unsigned32(w.getAffineX()), unsigned32(w.getAffineY()));
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return fixed;
    }

    private static KeyPair newBrowserKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String base64Url) {
        return Base64.getUrlDecoder().decode(base64Url);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
