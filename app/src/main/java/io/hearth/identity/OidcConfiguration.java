package io.hearth.identity;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Sign-in with Google (OpenID Connect). The redirect URI is the organisation's own callback on its host; each must
 * be registered with the provider.
 *
 * @param redirectUriTemplate with {@code {slug}} for the organisation
 */
@ConfigurationProperties("hearth.oidc.google")
public record OidcConfiguration(boolean enabled, String issuer, String clientId, String clientSecret, String redirectUriTemplate) {
}
