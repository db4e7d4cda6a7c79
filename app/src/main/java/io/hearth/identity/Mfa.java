package io.hearth.identity;

import io.hearth.ErrorCode;
import io.hearth.crypto.FieldCipher;
import io.hearth.crypto.SecretTokens;
import io.hearth.identity.internal.CredentialStore;
import io.hearth.identity.internal.PersonRepository;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.CommonCode;
import io.hearth.kit.Refusal;
import io.hearth.kit.security.Totp;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.AppRedis;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * TOTP second factor: setup gives a secret (sealed at rest) as an otpauth URI and a QR code; a first valid code
 * turns it on and yields ten single-use recovery codes (only their hashes are kept). A code is accepted once:
 * replaying it within its window fails.
 */
@TenantBound
@Singleton
public class Mfa {

    static final int RECOVERY_CODES = 10;
    private static final String RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final CredentialStore credentials;
    private final FieldCipher cipher;
    private final PersonRepository persons;
    private final AppRedis redis;
    private final Audit audit;
    private final String issuerName;
    private final Admissions admissions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Mfa(CredentialStore credentials, FieldCipher cipher, PersonRepository persons, AppRedis redis, Audit audit,
               @Property(name = "hearth.identity.mfa-issuer-name") String issuerName, Admissions admissions, Clock clock) {
        this.admissions = admissions;
        this.credentials = credentials;
        this.cipher = cipher;
        this.persons = persons;
        this.redis = redis;
        this.audit = audit;
        this.issuerName = issuerName;
        this.clock = clock;
    }

    public record Setup(String secret, String otpauthUri, String qrCode) {
    }

    public Setup setup(Tenant tenant, PersonRow person) {
        if (person.mfaEnabled()) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.MFA_ALREADY_ENABLED, "Two-factor authentication is already on");
        }
        String secret = Totp.newSecret();
        credentials.savePendingTotp(tenant.id().value(), person.id(), cipher.seal(secret, associatedData(tenant, person.id())));
        String label = URLEncoder.encode(issuerName + " (" + tenant.name() + "):" + person.email(), StandardCharsets.UTF_8).replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + URLEncoder.encode(issuerName, StandardCharsets.UTF_8).replace("+", "%20")
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
        return new Setup(secret, uri, io.hearth.web.QrCodes.pngDataUri(uri, 256));
    }

    /** Turns MFA on with a first code from the authenticator; returns the recovery codes, shown this once. */
    public List<String> enable(Caller caller, PersonRow person, String code) {
        Tenant tenant = caller.tenant();
        if (person.mfaEnabled()) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.MFA_ALREADY_ENABLED, "Two-factor authentication is already on");
        }
        CredentialStore.TotpSecret stored = credentials.totp(tenant.id().value(), person.id())
                .orElseThrow(() -> new Refusal(Refusal.Kind.CONFLICT, CommonCode.RESOURCE_CONFLICT, "Start with POST /api/v1/auth/mfa/setup"));
        if (!acceptTotp(tenant, person.id(), stored, code)) {
            throw new Refusal(Refusal.Kind.INVALID, ErrorCode.MFA_CODE_INVALID, "The code does not match: check the authenticator's clock and try the next code");
        }
        List<String> codes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String recovery = newRecoveryCode();
            codes.add(recovery);
            hashes.add(SecretTokens.hash(normalise(recovery)));
        }
        credentials.confirmTotp(tenant.id().value(), person.id(), hashes);
        persons.updateMfaEnabled(person.id(), true, clock.instant());
        admissions.personChanged(tenant, person.id());
        audit.byCaller(caller, AuditAction.MFA_ENABLED, person.id(), Map.of());
        return codes;
    }

    /** Checks a second-factor answer at sign-in: a TOTP code, or one of the recovery codes (used up). */
    public boolean check(Tenant tenant, UUID person, String answer, String ip) {
        if (answer == null) {
            return false;
        }
        String trimmed = answer.trim();
        if (trimmed.matches("\\d{" + Totp.DIGITS + "}")) {
            return credentials.totp(tenant.id().value(), person)
                    .filter(CredentialStore.TotpSecret::confirmed)
                    .map(secret -> acceptTotp(tenant, person, secret, trimmed))
                    .orElse(false);
        }
        boolean used = credentials.consumeRecoveryCode(tenant.id().value(), person, SecretTokens.hash(normalise(trimmed)));
        if (used) {
            audit.record(AuditAction.MFA_RECOVERY_CODE_USED, person, person, ip,
                    Map.of("remaining", credentials.remainingRecoveryCodes(tenant.id().value(), person)));
        }
        return used;
    }

    private boolean acceptTotp(Tenant tenant, UUID person, CredentialStore.TotpSecret stored, String code) {
        String secret = cipher.open(stored.sealed(), associatedData(tenant, person));
        OptionalLong step = Totp.matchingStep(secret, code, clock.instant());
        if (step.isEmpty()) {
            return false;
        }
        // Each step's code works once, whichever instance sees it.
        String key = "totp-used:" + tenant.id().value() + ":" + person + ":" + step.getAsLong();
        return redis.count(key, Duration.ofSeconds(Totp.STEP_SECONDS * 4)) == 1;
    }

    static String associatedData(Tenant tenant, UUID person) {
        return "totp:" + tenant.id().value() + ":" + person;
    }

    private String newRecoveryCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                code.append('-');
            }
            code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
        }
        return code.toString();
    }

    private static String normalise(String recoveryCode) {
        return recoveryCode.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    }

}
