package io.hearth.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.infra.MailCatcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the demo organisation with people through app's API, as its admin would: the admin accepts the
 * onboarding invitation, then invites one person per role and some members, who accept theirs from the mail.
 * Needs {@code -Djdk.httpclient.allowRestrictedHeaders=host}: it reaches {@code demo.localhost} by Host header.
 */
final class DemoOrganisation {

    static final String PASSWORD = "hearth-demo-password";
    private static final java.time.ZoneId LONDON = java.time.ZoneId.of("Europe/London");

    private final JsonHttp http = new JsonHttp();
    private final String baseUrl;
    private final String host;
    private final MailCatcher mail;

    DemoOrganisation(String appBaseUrl, String slug, MailCatcher mail) {
        this.baseUrl = appBaseUrl;
        this.host = slug + ".localhost";
        this.mail = mail;
    }

    /** A person of the demo organisation, as printed for the developer. */
    record Person(String email, String roles) {
    }

    List<Person> seed(String adminEmail) {
        List<Person> people = new ArrayList<>();
        accept(adminEmail, "Dana", "Admin");
        String admin = signIn(adminEmail);
        people.add(new Person(adminEmail, "ADMIN"));
        // A British organisation: its clock (new events, notices, digests) and the crisis lines its men see are the UK's.
        JsonNode settings = expect(200, send("GET", "/api/v1/organisation/settings", null, admin), "read the settings");
        Map<String, Object> british = new java.util.LinkedHashMap<>();
        british.put("registrationMode", settings.get("registrationMode").asText());
        List<String> mfaRoles = new ArrayList<>();
        settings.get("mfaRequiredRoles").forEach(role -> mfaRoles.add(role.asText()));
        british.put("mfaRequiredRoles", mfaRoles);
        british.put("apiRequestsPerMinute", settings.get("apiRequestsPerMinute").asInt());
        british.put("timeZone", "Europe/London");
        expect(200, send("PUT", "/api/v1/organisation/settings", british, admin), "set the organisation's time zone");
        String[][] cast = {
                {"facilitator@demo.localhost", "Frank", "Facilitator", "FACILITATOR"},
                {"ptm@demo.localhost", "Pete", "Production", "PTM"},
                {"leadership@demo.localhost", "Leo", "Leader", "LEADERSHIP"},
                {"support@demo.localhost", "Sam", "Support", "SUPPORT"},
                {"member1@demo.localhost", "Mike", "Member", "MEMBER"},
                {"member2@demo.localhost", "Matt", "Member", "MEMBER"},
                {"member3@demo.localhost", "Mark", "Member", "MEMBER"}};
        Map<String, String> ids = new java.util.HashMap<>();
        for (String[] person : cast) {
            expect(201, send("POST", "/api/v1/members/invitations", Map.of("email", person[0], "role", person[3]), admin), "invite " + person[0]);
            ids.put(person[0], accept(person[0], person[1], person[2]));
            people.add(new Person(person[0], person[3]));
        }
        String facilitator = signIn("facilitator@demo.localhost");
        String ptm = signIn("ptm@demo.localhost");
        String tuesday = seedCircles(facilitator, ids);
        seedAnnouncement(admin);
        String mike = signIn("member1@demo.localhost");
        String movie = seedEvents(ptm, mike);
        seedHelpDesk(admin, mike, signIn("support@demo.localhost"));
        seedDocuments(admin, ptm, movie);
        seedOutreach(signIn("leadership@demo.localhost"), mike, movie);
        seedPolls(tuesday, facilitator, signIn("member2@demo.localhost"), signIn("leadership@demo.localhost"), admin, ptm);
        return people;
    }

    /**
     * Connects the organisation to Stripe as its admin would (the onboarding link), and finishes the onboarding on
     * the Stripe stand-in, which tells app by webhook that the account takes payments. Returns the account id.
     */
    String connectStripe(String adminEmail, io.hearth.infra.StripeStandIn stripe) {
        String admin = signIn(adminEmail);
        JsonNode onboarding = expect(200, send("POST", "/api/v1/payments/stripe/onboarding", Map.of(), admin), "connect Stripe");
        String account = onboarding.get("connection").get("accountId").asText();
        stripe.finishOnboarding(account);
        JsonNode status = expect(200, send("GET", "/api/v1/payments/stripe", null, admin), "read the Stripe status");
        if (!"READY".equals(status.get("status").asText())) {
            throw new IllegalStateException("the demo organisation's Stripe account is not ready: " + status);
        }
        return account;
    }

    /**
     * Sets the organisation's own sign-in provider as its admin would: addresses at partners.example sign in through
     * the stand-in's demo issuer, whose group "crew" makes a man production team. Pat Partner is a member already (the
     * organisation approves newcomers), so the provider's verified address links him at his first sign-in, which
     * makes him PTM too. The admin setting it is the break-glass admin who keeps his password.
     */
    void setUpSingleSignOn(String adminEmail, OpenIdStandIn provider) {
        String admin = signIn(adminEmail);
        join(admin, OpenIdStandIn.DEMO_EMAIL, "MEMBER", OpenIdStandIn.DEMO_FIRST_NAME, OpenIdStandIn.DEMO_LAST_NAME);
        expect(200, send("PUT", "/api/v1/organisation/sso", Map.of("enabled", true, "issuer", provider.demoIssuer(),
                "clientId", OpenIdStandIn.DEMO_CLIENT_ID, "clientSecret", OpenIdStandIn.DEMO_CLIENT_SECRET, "domains", List.of(OpenIdStandIn.DEMO_DOMAIN),
                "roleMappings", List.of(Map.of("group", OpenIdStandIn.DEMO_GROUP, "role", "PTM"))), admin), "set the organisation's sign-in provider");
    }

    /** The coming Friday (never today) in London: the movie night's day. */
    private static java.time.LocalDate nextFriday() {
        return java.time.LocalDate.now(LONDON).with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.FRIDAY));
    }

    /** A movie night with a registration, and a paid weekend retreat with a question and a waiver. Returns the movie night's id. */
    private String seedEvents(String ptm, String member) {
        java.time.Instant friday = nextFriday().atTime(19, 30).atZone(LONDON).toInstant();
        JsonNode movie = expect(201, send("POST", "/api/v1/events", Map.of("type", "MOVIE_NIGHT", "title", "Movie night: Twelve Angry Men",
                "startsAt", friday.toString(), "endsAt", friday.plusSeconds(3 * 3600).toString(), "timeZone", "Europe/London",
                "venue", "Community Hall, 12 Mill Lane", "capacity", 25, "visibility", "MEMBERS"), ptm), "create the movie night");
        expect(201, send("POST", "/api/v1/events/" + movie.get("id").asText() + "/register", Map.of(), member), "register for the movie night");
        java.time.Instant retreat = friday.plus(java.time.Duration.ofDays(28));
        Map<String, Object> weekend = new java.util.LinkedHashMap<>();
        weekend.put("type", "MULTI_DAY_RETREAT");
        weekend.put("title", "Autumn weekend retreat");
        weekend.put("description", "Three days in the hills: circles, silence, work and food.");
        weekend.put("startsAt", retreat.toString());
        weekend.put("endsAt", retreat.plus(java.time.Duration.ofHours(46)).toString());
        weekend.put("timeZone", "Europe/London");
        weekend.put("venue", "Hill Farm, Kent");
        weekend.put("capacity", 60);
        weekend.put("visibility", "PUBLIC");
        weekend.put("participantsPerStaff", 6);
        weekend.put("priceOptions", List.of(Map.of("code", "STANDARD", "name", "Standard", "amountCents", 24000, "currency", "GBP", "instalments", 3),
                Map.of("code", "SUPPORTED", "name", "Supported place", "amountCents", 9000, "currency", "GBP")));
        weekend.put("questions", List.of(Map.of("kind", "CHOICE", "label", "Diet", "required", true, "choices", List.of("ANY", "VEGETARIAN", "VEGAN"))));
        weekend.put("waivers", List.of(Map.of("title", "Participation", "body", "I take part in the retreat's activities at my own risk.")));
        expect(201, send("POST", "/api/v1/events", weekend, ptm), "create the retreat");
        return movie.get("id").asText();
    }

    /**
     * The help desk: two categories (one for care, which only the care team reads), and Mike's question, answered by
     * Sam of support, who asks him something back (the clock stops; the answer went to Mike as a mail he can reply to).
     */
    private void seedHelpDesk(String admin, String mike, String support) {
        String general = expect(201, send("POST", "/api/v1/ticket-categories", Map.of("name", "General questions", "firstResponseMinutes", 240,
                "resolutionMinutes", 2880), admin), "a ticket category").get("id").asText();
        expect(201, send("POST", "/api/v1/ticket-categories", Map.of("name", "I'm struggling", "care", true, "firstResponseMinutes", 60), admin),
                "the care category");
        expect(201, send("POST", "/api/v1/ticket-categories", Map.of("name", "Payments and dues", "firstResponseMinutes", 480), admin),
                "a payments category");
        String ticket = expect(201, send("POST", "/api/v1/tickets", Map.of("categoryId", general, "subject", "Can I bring a friend to the movie night?",
                "body", "A friend from work keeps asking what I do on Tuesdays. Could he come along on Friday?"), mike), "Mike's ticket")
                .get("id").asText();
        expect(201, send("POST", "/api/v1/tickets/" + ticket + "/messages", Map.of("body", "Yes, guests are welcome at movie nights. "
                + "What is his name, so that we can add him to the list?", "status", "WAITING_FOR_MEMBER"), support), "Sam's answer");
    }

    /** The organisation's circle agreements to acknowledge, and the movie night's waiver, which Mike has not acknowledged yet. */
    private void seedDocuments(String admin, String ptm, String movie) {
        multipart("/api/v1/documents", Map.of("kind", "GUIDELINE", "title", "Circle agreements", "audience", "ORGANISATION"), "circle-agreements.md",
                "text/markdown", ("# Circle agreements\n\nWhat is said in the circle stays in the circle.\nWe speak for ourselves, from experience.\n"
                        + "We listen without fixing.\nWe come on time, or tell the facilitator.\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), admin);
        multipart("/api/v1/documents", Map.of("kind", "WAIVER", "title", "Movie night house rules", "audience", "EVENT", "eventId", movie),
                "house-rules.txt", "text/plain", ("I will look after the hall as if it were my own home, and leave no one to lock up alone.\n"
                        + "I take part at my own risk.\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), ptm);
    }

    /** Two men met at a talk and Mike's friend, and an invitation to the movie night mailed to them (the links are in the mail catcher). */
    private void seedOutreach(String leadership, String mike, String movie) {
        expect(201, send("POST", "/api/v1/contacts", Map.of("email", "paul.visitor@example.org", "firstName", "Paul", "lastName", "Visitor",
                "source", "Library talk", "consent", true, "consentNote", "Left his address on the sign-up sheet at the library talk"), leadership),
                "a contact");
        expect(201, send("POST", "/api/v1/contacts", Map.of("email", "ian.curious@example.org", "firstName", "Ian", "lastName", "Curious",
                "source", "Library talk", "consent", true, "consentNote", "Asked to hear about the next evening"), leadership), "a contact");
        expect(201, send("POST", "/api/v1/contacts", Map.of("email", "joe.friend@example.org", "firstName", "Joe", "lastName", "Friend",
                "consent", true), mike), "Mike's friend");
        String campaign = expect(201, send("POST", "/api/v1/campaigns", Map.of("title", "An evening to see what we do",
                "subject", "Come to our movie night", "body", "Once a month we watch a film together and talk about it after. "
                        + "Come along: no need to say anything, just come and see.", "eventId", movie), leadership), "a campaign").get("id").asText();
        expect(200, send("POST", "/api/v1/campaigns/" + campaign + "/send", Map.of(), leadership), "send the campaign");
    }

    /** A multipart/form-data upload, as the PWA sends a document. */
    private void multipart(String path, Map<String, String> fields, String fileName, String type, byte[] bytes, String token) {
        String boundary = "hearth-demo-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n").getBytes(utf8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\nContent-Type: "
                + type + "\r\n\r\n").getBytes(utf8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(utf8));
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(baseUrl + path)).header("Host", host).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("upload " + fileName + ": " + response.statusCode() + " " + response.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Two circles: one meeting on Tuesdays with two members and a first meeting recorded, one open to join. Returns the first's id. */
    private String seedCircles(String facilitator, Map<String, String> ids) {
        java.time.LocalDateTime firstTuesday = java.time.LocalDate.now(java.time.ZoneId.of("Europe/London"))
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.TUESDAY)).minusWeeks(1).atTime(19, 0);
        JsonNode tuesday = expect(201, send("POST", "/api/v1/circles", Map.of(
                "name", "Tuesday Circle", "description", "Men meeting weekly to speak honestly about their lives.", "capacity", 8,
                "location", "Community Hall, 12 Mill Lane", "videoLink", "https://meet.example/tuesday-circle",
                "schedule", Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU", "firstStart", firstTuesday.toString(), "timeZone", "Europe/London", "minutes", 120),
                "dues", Map.of("amountCents", 2000, "currency", "GBP", "interval", "MONTHLY")), facilitator), "create Tuesday Circle");
        String circle = tuesday.get("id").asText();
        for (String member : List.of("member1@demo.localhost", "member2@demo.localhost")) {
            expect(201, send("POST", "/api/v1/circles/" + circle + "/members", Map.of("personId", ids.get(member)), facilitator), "add " + member);
        }
        expect(201, send("POST", "/api/v1/circles/" + circle + "/meetings", Map.of(
                "startsAt", firstTuesday.atZone(java.time.ZoneId.of("Europe/London")).toInstant().toString(),
                "attendance", List.of(Map.of("personId", ids.get("member1@demo.localhost"), "status", "PRESENT"),
                        Map.of("personId", ids.get("member2@demo.localhost"), "status", "EXCUSED")),
                "notes", "First meeting: introductions."), facilitator), "record a meeting");
        expect(201, send("POST", "/api/v1/circles", Map.of("name", "Thursday Open Circle", "capacity", 4, "openToJoin", true,
                "description", "A new circle, open to join."), facilitator), "create Thursday Open Circle");
        seedChat(circle, facilitator, ids);
        return circle;
    }

    /**
     * Two open polls. The Tuesday Circle's facilitator asks when to meet for an extra evening (three times, a quorum of
     * two men besides him; the Friday time clashes with the movie night Mike is registered for): he and Matt have
     * answered, Mike has not, so no time counts yet. Leadership asks everyone who can help at the retreat (several
     * choices, a few places each, answers until a week before it): the admin and the PTM have taken the cooking.
     */
    private void seedPolls(String circle, String facilitator, String matt, String leadership, String admin, String ptm) {
        java.time.LocalDate friday = nextFriday();
        List<java.time.Instant> times = List.of(friday.atTime(19, 0).atZone(LONDON).toInstant(), friday.plusDays(1).atTime(10, 0).atZone(LONDON).toInstant(),
                friday.plusDays(5).atTime(19, 0).atZone(LONDON).toInstant());
        JsonNode evening = expect(201, send("POST", "/api/v1/polls", Map.of("scope", "CIRCLE", "circleId", circle, "kind", "MEETING_TIME",
                "question", "An evening to plan for the retreat: when can you come?",
                "description", "Two hours to talk about what each of us hopes for from the weekend. I will arrange the time most of us can make.",
                "quorum", 2, "options", times.stream().map(time -> Map.of("startsAt", time.toString())).toList()), facilitator), "ask the circle when to meet");
        String[] slot = new String[3];
        for (int i = 0; i < 3; i++) {
            slot[i] = evening.get("options").get(i).get("id").asText();
        }
        String poll = "/api/v1/polls/" + evening.get("id").asText() + "/answer";
        expect(200, send("PUT", poll, Map.of("answers", Map.of(slot[0], "YES", slot[1], "YES", slot[2], "IF_NEED_BE")), facilitator), "answer as the facilitator");
        expect(200, send("PUT", poll, Map.of("answers", Map.of(slot[0], "YES", slot[1], "NO", slot[2], "YES")), matt), "answer as Matt");

        JsonNode helpers = expect(201, send("POST", "/api/v1/polls", Map.of("scope", "ORGANISATION", "kind", "CHOICE",
                "question", "Who can lend a hand at the weekend retreat?", "description", "Choose every job you can do; each has a few places.",
                "multiple", true, "deadline", friday.plusDays(21).atTime(12, 0).atZone(LONDON).toInstant().toString(),
                "options", List.of(Map.of("label", "Set up the hall on Friday", "capacity", 4), Map.of("label", "Cook on Saturday", "capacity", 2),
                        Map.of("label", "Clear up on Sunday", "capacity", 4))), leadership), "ask everyone who can help at the retreat");
        String cook = helpers.get("options").get(1).get("id").asText();
        String answer = "/api/v1/polls/" + helpers.get("id").asText() + "/answer";
        expect(200, send("PUT", answer, Map.of("choices", List.of(cook, helpers.get("options").get(0).get("id").asText())), admin), "answer as the admin");
        expect(200, send("PUT", answer, Map.of("choices", List.of(cook)), ptm), "answer as the PTM");
    }

    /** A pinned announcement to the whole organisation, open to comments. */
    private void seedAnnouncement(String admin) {
        expect(201, send("POST", "/api/v1/announcements", Map.of("title", "Welcome to Hearth",
                "body", "This is where the organisation's news appears. Circles meet as usual this month; the autumn weekend retreat is open "
                        + "for registration. Questions? Comment below or write to support.",
                "audience", "ORGANISATION", "pinnedUntil", java.time.Instant.now().plus(java.time.Duration.ofDays(30)).toString()), admin),
                "post the welcome announcement");
    }

    /** The Tuesday Circle's chat with a few messages (member1 has read them, member2 has not), and a one-to-one. */
    private void seedChat(String circle, String facilitator, Map<String, String> ids) {
        String chat = expect(200, send("GET", "/api/v1/circles/" + circle + "/conversation", null, facilitator), "open the circle chat")
                .get("id").asText();
        String mike = signIn("member1@demo.localhost");
        String matt = signIn("member2@demo.localhost");
        String[][] lines = {
                {"f", "Welcome to the Tuesday Circle chat, men. Anything you want to raise before Tuesday, put it here."},
                {"mike", "Thanks Frank. I may be ten minutes late on Tuesday, train times changed."},
                {"matt", "Good to be here. Is anyone going to the autumn weekend retreat?"},
                {"mike", "I'm thinking about it. Would be good to go as a circle."},
                {"f", "Let's talk about the retreat at the end of Tuesday's meeting."}};
        for (String[] line : lines) {
            String token = switch (line[0]) {
                case "mike" -> mike;
                case "matt" -> matt;
                default -> facilitator;
            };
            expect(201, send("POST", "/api/v1/conversations/" + chat + "/messages", Map.of("text", line[1]), token), "write in the circle chat");
        }
        expect(200, send("POST", "/api/v1/conversations/" + chat + "/read", Map.of(), mike), "mark the circle chat read");
        String direct = expect(201, send("POST", "/api/v1/conversations", Map.of("personId", ids.get("facilitator@demo.localhost")), mike),
                "start a one-to-one").get("id").asText();
        expect(201, send("POST", "/api/v1/conversations/" + direct + "/messages",
                Map.of("text", "Frank, could we speak before Tuesday? Something at work is weighing on me."), mike), "write a one-to-one");
    }

    /** Invites a man with a role (as the admin whose token is given) and accepts for him; returns his id. */
    String join(String adminToken, String email, String role, String firstName, String lastName) {
        expect(201, send("POST", "/api/v1/members/invitations", Map.of("email", email, "role", role), adminToken), "invite " + email);
        return accept(email, firstName, lastName);
    }

    private String accept(String email, String firstName, String lastName) {
        String token = invitationToken(email);
        return expect(201, send("POST", "/api/v1/auth/invitations/" + token + "/accept",
                Map.of("password", PASSWORD, "firstName", firstName, "lastName", lastName), null), "accept " + email)
                .get("person").get("id").asText();
    }

    String signIn(String email) {
        JsonNode reply = expect(200, send("POST", "/api/v1/auth/login", Map.of("email", email, "password", PASSWORD), null), "sign in " + email);
        return reply.get("accessToken").asText();
    }

    private String invitationToken(String email) {
        Pattern link = Pattern.compile("/invitations/([A-Za-z0-9_-]{20,})");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            List<MailCatcher.Mail> mails = mail.messages();
            for (int i = mails.size() - 1; i >= 0; i--) {
                if (mails.get(i).to().stream().anyMatch(email::equalsIgnoreCase)) {
                    Matcher matcher = link.matcher(mails.get(i).body());
                    if (matcher.find()) {
                        return matcher.group(1);
                    }
                }
            }
            ServiceProcess.sleep(50);
        }
        throw new IllegalStateException("no invitation mail reached " + email);
    }

    private JsonNode expect(int status, JsonHttp.Response response, String what) {
        if (response.status() != status) {
            throw new IllegalStateException(what + " answered " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    private JsonHttp.Response send(String method, String path, Object body, String token) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Host", host);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return http.send(baseUrl + path, method, body, headers);
    }
}
