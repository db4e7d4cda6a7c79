package io.hearth.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The crisis lines Hearth ships for the countries its first organisations are in: a starting point that each
 * organisation's admins must check (numbers and hours change), shown until they keep a list of their own. The country
 * is the organisation's, from its time zone.
 */
public final class CrisisDirectory {

    /** Said with every default list. */
    public static final String CHECK = "Hearth's default list, last checked 2026-12. Admins: check these numbers for your organisation.";

    private CrisisDirectory() {
    }

    @Schema(name = "CrisisLine")
    @Serdeable
    public record Line(String name, @Nullable String phone, @Nullable String sms, @Nullable String url, @Nullable String hours) {
    }

    private static final Map<String, List<Line>> BY_COUNTRY = Map.of(
            "GB", List.of(
                    new Line("Emergency services", "999", null, null, "24/7"),
                    new Line("Samaritans", "116 123", null, "https://www.samaritans.org", "24/7, free"),
                    new Line("Shout", null, "Text SHOUT to 85258", "https://giveusashout.org", "24/7, free"),
                    new Line("CALM (Campaign Against Living Miserably)", "0800 58 58 58", null, "https://www.thecalmzone.net", "5pm to midnight")),
            "IE", List.of(
                    new Line("Emergency services", "112 or 999", null, null, "24/7"),
                    new Line("Samaritans", "116 123", null, "https://www.samaritans.org/ireland", "24/7, free"),
                    new Line("Pieta", "1800 247 247", "Text HELP to 51444", "https://www.pieta.ie", "24/7, free"),
                    new Line("Text About It", null, "Text HELLO to 50808", "https://text50808.ie", "24/7, free")),
            "US", List.of(
                    new Line("Emergency services", "911", null, null, "24/7"),
                    new Line("988 Suicide & Crisis Lifeline", "988", "Text 988", "https://988lifeline.org", "24/7, free"),
                    new Line("Crisis Text Line", null, "Text HOME to 741741", "https://www.crisistextline.org", "24/7, free")),
            "CA", List.of(
                    new Line("Emergency services", "911", null, null, "24/7"),
                    new Line("9-8-8 Suicide Crisis Helpline", "988", "Text 988", "https://988.ca", "24/7, free")),
            "AU", List.of(
                    new Line("Emergency services", "000", null, null, "24/7"),
                    new Line("Lifeline", "13 11 14", "Text 0477 13 11 14", "https://www.lifeline.org.au", "24/7"),
                    new Line("MensLine Australia", "1300 78 99 78", null, "https://mensline.org.au", "24/7"),
                    new Line("Suicide Call Back Service", "1300 659 467", null, "https://www.suicidecallbackservice.org.au", "24/7")),
            "NZ", List.of(
                    new Line("Emergency services", "111", null, null, "24/7"),
                    new Line("Need to talk? 1737", "1737", "Text 1737", "https://1737.org.nz", "24/7, free"),
                    new Line("Lifeline Aotearoa", "0800 543 354", "Text HELP to 4357", "https://www.lifeline.org.nz", "24/7, free")));

    private static final List<Line> ELSEWHERE = List.of(
            new Line("Emergency services", "Your local emergency number", null, null, "24/7"),
            new Line("Find a Helpline", null, null, "https://findahelpline.com", "Lines in your country"));

    /** The default lines for a country (ISO 3166 alpha-2), or a way to find one elsewhere. */
    public static List<Line> lines(@Nullable String country) {
        return country == null ? ELSEWHERE : BY_COUNTRY.getOrDefault(country, ELSEWHERE);
    }

    /** The country of an organisation's time zone, for those Hearth has a list for; null for the others. */
    @Nullable
    public static String countryOf(String timeZone) {
        String zone = ZoneId.of(timeZone).getId();
        if (zone.equals("Europe/London") || zone.equals("Europe/Belfast") || zone.equals("GB")) {
            return "GB";
        }
        if (zone.equals("Europe/Dublin") || zone.equals("Eire")) {
            return "IE";
        }
        if (zone.startsWith("Australia/")) {
            return "AU";
        }
        if (zone.equals("Pacific/Auckland") || zone.equals("Pacific/Chatham") || zone.equals("NZ")) {
            return "NZ";
        }
        if (zone.startsWith("Canada/") || List.of("America/Toronto", "America/Vancouver", "America/Edmonton", "America/Winnipeg", "America/Halifax",
                "America/St_Johns", "America/Regina", "America/Moncton", "America/Whitehorse", "America/Yellowknife").contains(zone)) {
            return "CA";
        }
        if (zone.startsWith("US/") || List.of("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Phoenix",
                "America/Anchorage", "America/Detroit", "America/Boise", "Pacific/Honolulu", "America/Indiana/Indianapolis").contains(zone)) {
            return "US";
        }
        return null;
    }
}
