package io.hearth.messaging.internal;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.util.Base64;

/**
 * P-256 keys in the raw forms Web Push passes around: a public key as its 65-byte uncompressed point
 * ({@code 0x04 | x | y}), a private key as its 32-byte scalar, both base64url. The JDK reads and writes keys only as
 * X.509 and PKCS#8, so the conversion lives here, with the checks a key from outside needs: the point is on the curve,
 * the scalar is in range.
 */
final class P256 {

    static final int POINT_BYTES = 65;
    static final int COORDINATE_BYTES = 32;

    private static final byte UNCOMPRESSED = 0x04;
    private static final ECParameterSpec CURVE = curve();

    private P256() {
    }

    static ECPublicKey publicKey(byte[] point) {
        if (point.length != POINT_BYTES || point[0] != UNCOMPRESSED) {
            throw new IllegalArgumentException("a P-256 public key must be an uncompressed point: 65 bytes starting with 0x04, got "
                    + point.length + " bytes" + (point.length > 0 ? " starting with 0x" + String.format("%02x", point[0]) : ""));
        }
        ECPoint w = new ECPoint(unsigned(point, 1), unsigned(point, 1 + COORDINATE_BYTES));
        if (!isOnCurve(w)) {
            throw new IllegalArgumentException("the public key is not a point on the P-256 curve");
        }
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, CURVE));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 public keys cannot be made here", e);
        }
    }

    static ECPrivateKey privateKey(byte[] scalar) {
        if (scalar.length != COORDINATE_BYTES) {
            throw new IllegalArgumentException("a P-256 private key must be 32 bytes, got " + scalar.length);
        }
        BigInteger s = new BigInteger(1, scalar);
        if (s.signum() == 0 || s.compareTo(CURVE.getOrder()) >= 0) {
            throw new IllegalArgumentException("the private key is out of range for P-256");
        }
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, CURVE));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 private keys cannot be made here", e);
        }
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 key pairs cannot be generated here", e);
        }
    }

    static byte[] point(ECPublicKey key) {
        byte[] point = new byte[POINT_BYTES];
        point[0] = UNCOMPRESSED;
        System.arraycopy(fixed(key.getW().getAffineX()), 0, point, 1, COORDINATE_BYTES);
        System.arraycopy(fixed(key.getW().getAffineY()), 0, point, 1 + COORDINATE_BYTES, COORDINATE_BYTES);
        return point;
    }

    static byte[] scalar(ECPrivateKey key) {
        return fixed(key.getS());
    }

    /** Whether the key is a point of P-256 (a key of another curve, or an invalid point, would leak the ECDH secret). */
    static boolean isOnCurve(ECPublicKey key) {
        return key.getParams().getCurve().equals(CURVE.getCurve()) && isOnCurve(key.getW());
    }

    /** A 32-byte big-endian unsigned number, as JOSE and the uncompressed point write them. */
    static byte[] fixed(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length == COORDINATE_BYTES) {
            return bytes;
        }
        byte[] fixed = new byte[COORDINATE_BYTES];
        // toByteArray is two's complement: it adds a leading zero when the top bit is set and drops leading zeros.
        int copied = Math.min(bytes.length, COORDINATE_BYTES);
        System.arraycopy(bytes, bytes.length - copied, fixed, COORDINATE_BYTES - copied, copied);
        return fixed;
    }

    static byte[] base64Url(String value, String what) {
        try {
            return Base64.getUrlDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64url: " + e.getMessage(), e);
        }
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean isOnCurve(ECPoint w) {
        if (w.equals(ECPoint.POINT_INFINITY)) {
            return false;
        }
        EllipticCurve curve = CURVE.getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        BigInteger x = w.getAffineX();
        BigInteger y = w.getAffineY();
        if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return y.pow(2).mod(p).equals(right);
    }

    private static BigInteger unsigned(byte[] bytes, int from) {
        byte[] part = new byte[COORDINATE_BYTES];
        System.arraycopy(bytes, from, part, 0, COORDINATE_BYTES);
        return new BigInteger(1, part);
    }

    private static ECParameterSpec curve() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no P-256 (secp256r1)", e);
        }
    }
}
