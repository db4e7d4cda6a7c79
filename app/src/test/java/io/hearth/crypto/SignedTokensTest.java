package io.hearth.crypto;

import io.hearth.TestKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SignedTokensTest {

    private final String oldKey = "enc-1:" + TestKeys.newEncryptionKey();
    private final String newKey = "enc-2:" + TestKeys.newEncryptionKey();
    private final byte[] payload = "org|man|ANNOUNCEMENT".getBytes(StandardCharsets.UTF_8);

    @Test
    void aTokenGivesBackItsPayloadForItsPurpose() {
        SignedTokens tokens = new SignedTokens(oldKey);

        String token = tokens.sign("unsubscribe", payload);

        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.enc-1");
        assertThat(tokens.read("unsubscribe", token)).hasValueSatisfying(read -> assertThat(read).isEqualTo(payload));
    }

    @Test
    void aTokenIsRefusedForAnotherPurpose() {
        SignedTokens tokens = new SignedTokens(oldKey);

        assertThat(tokens.read("calendar", tokens.sign("unsubscribe", payload))).isEmpty();
    }

    @Test
    void aChangedPayloadOrSignatureIsRefused() {
        SignedTokens tokens = new SignedTokens(oldKey);
        String token = tokens.sign("unsubscribe", payload);
        String[] parts = token.split("\\.", 3);
        String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("org|him|ANNOUNCEMENT".getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.read("unsubscribe", otherPayload + "." + parts[1] + "." + parts[2])).isEmpty();
        assertThat(tokens.read("unsubscribe", parts[0] + "." + parts[0] + "." + parts[2])).isEmpty();
        assertThat(tokens.read("unsubscribe", parts[0] + "." + parts[1] + ".enc-9")).isEmpty();
        assertThat(tokens.read("unsubscribe", "not a token")).isEmpty();
        assertThat(tokens.read("unsubscribe", "a.b%.c")).isEmpty();
    }

    @Test
    void aTokenOfAnotherServersKeysIsRefused() {
        String token = new SignedTokens(oldKey).sign("unsubscribe", payload);

        assertThat(new SignedTokens("enc-1:" + TestKeys.newEncryptionKey()).read("unsubscribe", token)).isEmpty();
    }

    @Test
    void tokensOfARotatedKeyStayValidWhileItIsListed() {
        String token = new SignedTokens(oldKey).sign("unsubscribe", payload);

        assertThat(new SignedTokens(newKey + "," + oldKey).read("unsubscribe", token)).isPresent();
        assertThat(new SignedTokens(newKey).read("unsubscribe", token)).isEmpty();
    }
}
