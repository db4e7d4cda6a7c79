package io.hearth.messaging.internal;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Encrypts a push message for one browser subscription (RFC 8291, in the {@code aes128gcm} content coding of RFC 8188),
 * so that the push service relays a body only that browser can read. Each message gets a fresh salt and a fresh
 * application server key pair (ECDH with the subscription's {@code p256dh} key, mixed with its {@code auth} secret) and
 * goes out as a single record, as RFC 8291 requires. Written on the JDK alone: a published example pins it down
 * byte for byte ({@code PushEncryptionTest}).
 */
public class PushEncryption {

    /** The record size written in the header: the size RFC 8291 asks receivers to accept. */
    static final int RECORD_SIZE = 4096;

    /**
     * The longest plaintext a push service must take: it need accept no more than 4096 bytes of body (RFC 8030 §7.2),
     * and the header (86), the padding delimiter (1) and the tag (16) come out of that (RFC 8291 §4). The record
     * itself would hold 4079, but a body that long may be refused with 413.
     */
    static final int MAX_PLAINTEXT = 3993;

    private static final int SALT_BYTES = 16;
    private static final int AUTH_SECRET_BYTES = 16;
    private static final int KEY_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte LAST_RECORD = 0x02;

    private static final byte[] KEY_INFO = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CEK_INFO = "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII);

    private final Supplier<byte[]> salts;
    private final Supplier<KeyPair> serverKeys;

    public PushEncryption() {
        this(randomSalts(new SecureRandom()), P256::generate);
    }

    /** With a given salt and application server key pair per message: only a published example should need this. */
    PushEncryption(Supplier<byte[]> salts, Supplier<KeyPair> serverKeys) {
        this.salts = salts;
        this.serverKeys = serverKeys;
    }

    /**
     * The request body for the subscription whose keys are given: the {@code aes128gcm} header (salt, record size, this
     * message's public key) and one encrypted record. Throws IllegalArgumentException when the plaintext is longer than
     * {@link #MAX_PLAINTEXT} or a key is not what a subscription holds.
     */
    public byte[] encrypt(byte[] plaintext, ECPublicKey uaPublic, byte[] authSecret) {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("a push message holds at most " + MAX_PLAINTEXT + " bytes, this one has " + plaintext.length);
        }
        if (authSecret.length != AUTH_SECRET_BYTES) {
            throw new IllegalArgumentException("the subscription's auth secret must be 16 bytes, got " + authSecret.length);
        }
        if (!P256.isOnCurve(uaPublic)) {
            throw new IllegalArgumentException("the subscription's p256dh key is not a P-256 public key");
        }
        byte[] salt = salts.get();
        if (salt.length != SALT_BYTES) {
            throw new IllegalStateException("a salt must be 16 bytes, got " + salt.length);
        }
        KeyPair server = serverKeys.get();
        byte[] asPublic = P256.point((ECPublicKey) server.getPublic());
        byte[] uaPoint = P256.point(uaPublic);
        try {
            byte[] ecdhSecret = agree((ECPrivateKey) server.getPrivate(), uaPublic);
            // RFC 8291 §3.3: the auth secret and both public keys are mixed into the keying material, so only a holder
            // of the subscription's auth secret, not just of its public key, can make or read its messages.
            byte[] keyCombining = hmac(authSecret, ecdhSecret);
            byte[] ikm = hmac(keyCombining, KEY_INFO, uaPoint, asPublic, new byte[] {1});
            byte[] prk = hmac(salt, ikm);
            byte[] cek = Arrays.copyOf(hmac(prk, CEK_INFO, new byte[] {1}), KEY_BYTES);
            // The nonce of record 0: RFC 8188 XORs the record's sequence number into it, and 0 changes nothing.
            byte[] nonce = Arrays.copyOf(hmac(prk, NONCE_INFO, new byte[] {1}), NONCE_BYTES);

            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] padded = Arrays.copyOf(plaintext, plaintext.length + 1);
            padded[plaintext.length] = LAST_RECORD;
            byte[] record = cipher.doFinal(padded);

            return ByteBuffer.allocate(SALT_BYTES + Integer.BYTES + 1 + asPublic.length + record.length)
                    .put(salt)
                    .putInt(RECORD_SIZE)
                    .put((byte) asPublic.length)
                    .put(asPublic)
                    .put(record)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a push message could not be encrypted", e);
        }
    }

    /** The subscription's {@code p256dh} key: base64url of an uncompressed P-256 point. */
    public static ECPublicKey p256dh(String base64Url) {
        byte[] point = P256.base64Url(base64Url, "the subscription's p256dh key");
        try {
            return P256.publicKey(point);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the subscription's p256dh key is malformed: " + e.getMessage(), e);
        }
    }

    /** The subscription's {@code auth} secret: base64url of 16 bytes. */
    public static byte[] auth(String base64Url) {
        byte[] secret = P256.base64Url(base64Url, "the subscription's auth secret");
        if (secret.length != AUTH_SECRET_BYTES) {
            throw new IllegalArgumentException("the subscription's auth secret must be 16 bytes, got " + secret.length);
        }
        return secret;
    }

    private static byte[] agree(ECPrivateKey own, ECPublicKey theirs) throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(own);
        agreement.doPhase(theirs, true);
        return agreement.generateSecret();
    }

    /** HMAC-SHA-256: HKDF's extract is one call, and its expand is one call for the 32 bytes or fewer used here. */
    private static byte[] hmac(byte[] key, byte[]... message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        for (byte[] part : message) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    private static Supplier<byte[]> randomSalts(SecureRandom random) {
        return () -> {
            byte[] salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            return salt;
        };
    }
}
