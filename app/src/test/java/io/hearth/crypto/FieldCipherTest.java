package io.hearth.crypto;

import io.hearth.TestKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldCipherTest {

    private final String oldKey = "enc-1:" + TestKeys.newEncryptionKey();
    private final String newKey = "enc-2:" + TestKeys.newEncryptionKey();

    @Test
    void sealsWithTheKeyIdAndNoPlaintext() {
        String sealed = new FieldCipher(oldKey).seal("+447700900123", "phone:t:p");

        assertThat(sealed).startsWith("enc-1:").doesNotContain("447700900123");
        assertThat(new FieldCipher(oldKey).open(sealed, "phone:t:p")).isEqualTo("+447700900123");
    }

    @Test
    void sealingTheSameValueTwiceGivesDifferentCiphertexts() {
        FieldCipher cipher = new FieldCipher(oldKey);

        assertThat(cipher.seal("same", "a")).isNotEqualTo(cipher.seal("same", "a"));
    }

    @Test
    void valuesOfARotatedKeyStayReadable() {
        String sealed = new FieldCipher(oldKey).seal("secret", "a");
        FieldCipher rotated = new FieldCipher(newKey + "," + oldKey);

        assertThat(rotated.open(sealed, "a")).isEqualTo("secret");
        assertThat(rotated.needsRotation(sealed)).isTrue();
        assertThat(rotated.seal("secret", "a")).startsWith("enc-2:");
    }

    @Test
    void aValueMovedToAnotherPlaceDoesNotOpen() {
        FieldCipher cipher = new FieldCipher(oldKey);
        String sealed = cipher.seal("secret", "phone:tenant-a:person-1");

        assertThatThrownBy(() -> cipher.open(sealed, "phone:tenant-b:person-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAKeyThatIsNotAes256() {
        assertThatThrownBy(() -> new FieldCipher("short:" + java.util.Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new FieldCipher("")).hasMessageContaining("not configured");
    }
}
