package io.hearth.kit;

import java.util.Set;
import java.util.regex.Pattern;

/** The rules for an organisation's subdomain label: tenant-admin registers by them, app resolves hosts by them. */
public final class Slugs {

    private static final Pattern SHAPE = Pattern.compile("^[a-z][a-z0-9-]{2,29}$");
    private static final Set<String> RESERVED = Set.of("admin", "api", "www", "app", "mail", "static", "assets",
            "status", "support", "help", "hearth", "public", "information_schema",
            // The operator console's host in the chart (console.{baseDomain}), and the names of monitoring.
            "console", "metrics", "prometheus", "grafana");

    private Slugs() {
    }

    public static boolean isValid(String slug) {
        return slug != null && SHAPE.matcher(slug).matches() && !slug.endsWith("-") && !isReserved(slug);
    }

    public static boolean isReserved(String slug) {
        return RESERVED.contains(slug) || slug.startsWith("pg");
    }
}
