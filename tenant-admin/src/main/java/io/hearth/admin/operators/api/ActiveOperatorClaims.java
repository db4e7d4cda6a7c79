package io.hearth.admin.operators.api;

import io.hearth.admin.operators.Operators;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * A token is worth something only while its subject is an active operator and it is tenant-admin's own (issuer and
 * audience): a well-signed token naming a made-up or disabled operator reads nothing.
 */
@Singleton
public class ActiveOperatorClaims implements GenericJwtClaimsValidator<Object> {

    private final Operators operators;

    public ActiveOperatorClaims(Operators operators) {
        this.operators = operators;
    }

    @Override
    public boolean validate(Claims claims, @Nullable Object request) {
        if (!AuthController.ISSUER.equals(claims.get(Claims.ISSUER)) || !audience(claims.get(Claims.AUDIENCE))) {
            return false;
        }
        Object subject = claims.get(Claims.SUBJECT);
        try {
            return subject != null && operators.isActive(UUID.fromString(subject.toString()));
        } catch (IllegalArgumentException notAnId) {
            return false;
        }
    }

    private static boolean audience(@Nullable Object audience) {
        if (audience instanceof java.util.Collection<?> many) {
            return many.stream().anyMatch(a -> AuthController.ISSUER.equals(String.valueOf(a)));
        }
        return AuthController.ISSUER.equals(audience == null ? null : audience.toString());
    }
}
