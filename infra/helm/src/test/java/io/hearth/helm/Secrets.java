package io.hearth.helm;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What a secret looks like, by its name or by its value. */
final class Secrets {

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE|JAAS|_CREDENTIALS?$|_KEYS?$|_SID$|^HEARTH_REDIS_URI$)");

    /** Literal secrets as they appear in text: key formats of well-known issuers, PEM blocks, credentials in URLs. */
    private static final List<Pattern> SECRET_LITERALS = Stream.of(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----",
            "\\bAKIA[0-9A-Z]{16}\\b",
            "\\b(sk|rk)_(live|test)_[0-9A-Za-z]{10,}",
            "\\bwhsec_[0-9A-Za-z]{10,}",
            "\\bgh[pousr]_[0-9A-Za-z]{20,}",
            "\\bxox[abprs]-[0-9A-Za-z-]{10,}",
            "[a-z][a-z0-9+.-]*://[^/\\s:@\"']+:[^/\\s@\"']+@",
            "(?i)[?&;]password=",
            "(?i)password=\"[^\"]+\"").map(Pattern::compile).toList();

    /** A value that is one long opaque token (base64, hex) or a "kid:base64" key list. */
    private static final Pattern OPAQUE = Pattern.compile("^[A-Za-z0-9+/_-]{32,}={0,2}$|^[\\w-]+:[A-Za-z0-9+/]{20,}={0,2}(,.*)?$");

    private Secrets() {
    }

    static boolean looksLikeASecretsName(String name) {
        return SECRET_NAME.matcher(name).find();
    }

    static boolean looksLikeASecretValue(String value) {
        return OPAQUE.matcher(value.trim()).matches() || !literalsIn(value).isEmpty();
    }

    static List<String> literalsIn(String text) {
        return SECRET_LITERALS.stream().flatMap(pattern -> {
            Matcher matcher = pattern.matcher(text);
            return matcher.results().map(m -> m.group());
        }).toList();
    }
}
