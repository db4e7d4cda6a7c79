package io.hearth.notifications;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.infra.LocalStack;
import io.hearth.infra.SmsCatcher;
import io.hearth.messaging.SmsConfiguration;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A man texts STOP (or UNSUBSCRIBE, END, QUIT, CANCEL), START or HELP to the number his organisation texts from, through
 * the SMS catcher, which signs the webhook as Twilio does: a stop ends every text from that organisation, the must-reach
 * ladder's included, until START; each is answered once, recorded as a consent and shown in his export; a forged
 * signature changes nothing; the same message posted twice acts once; another organisation is not touched.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextStopIT implements RealStack {

    private static final String WEBHOOK = "/api/v1/sms/inbound";

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject EmbeddedServer server;
    @Inject SmsConfiguration sms;
    @Inject io.micronaut.json.JsonMapper json;
    Org org;
    Api api;
    Org.Member leader;
    Org.Member facilitator;
    Org other;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.notifications.ladder-interval", "300ms");
    }

    @BeforeAll
    void organisations() {
        // The catcher posts to this test's server, signing over app's public address (hearth.sms.inbound-url), as behind a proxy.
        catcher().deliverTo(server.getURL() + WEBHOOK, catcher().signedUrl());
        org = Org.create(provisioning, directory, client, "texts");
        api = org.api();
        leader = org.member(Role.LEADERSHIP);
        facilitator = org.member(Role.FACILITATOR);
        other = Org.create(provisioning, directory, client, "texts2");
    }

    static SmsCatcher catcher() {
        return RealStack.stack().smsCatcher();
    }

    String ourNumber() {
        return sms.from();
    }

    static String aPhone() {
        return "+4477008" + String.format("%05d", ThreadLocalRandom.current().nextInt(100000));
    }

    static String verifiedPhone(Org in, Org.Member man, String phone) {
        int before = textsTo(phone).size();
        assertThat(in.api().post("/api/v1/auth/verify-phone", Map.of("phone", phone), man.accessToken()).status()).isEqualTo(202);
        await("the code").atMost(Duration.ofSeconds(10)).until(() -> textsTo(phone).size() > before);
        Matcher found = Pattern.compile("code is (\\d{6})").matcher(textsTo(phone).get(textsTo(phone).size() - 1).body());
        assertThat(found.find()).isTrue();
        assertThat(in.api().post("/api/v1/auth/verify-phone", Map.of("phone", phone, "code", found.group(1)), man.accessToken()).status())
                .isEqualTo(200);
        return phone;
    }

    static List<SmsCatcher.Sms> textsTo(String phone) {
        return catcher().messages().stream().filter(s -> s.to().equals(phone)).toList();
    }

    static SmsCatcher.Sms awaitTextTo(String phone, String containing) {
        await("a text to " + phone + " with " + containing).atMost(Duration.ofSeconds(15))
                .until(() -> textsTo(phone).stream().anyMatch(s -> s.body().contains(containing)));
        return textsTo(phone).stream().filter(s -> s.body().contains(containing)).findFirst().orElseThrow();
    }

    SmsCatcher.Inbound text(String from, String body) {
        SmsCatcher.Inbound answered = catcher().inbound(from, ourNumber(), body);
        assertThat(answered.status()).as("webhook: %s", answered.response()).isEqualTo(200);
        return answered;
    }

    void textsOn(Org in, Org.Member man) {
        Api.Reply set = in.api().put("/api/v1/me/notification-preferences", Map.of("items", List.of(
                Map.of("kind", "ANNOUNCEMENT", "channel", "SMS", "level", "ALL"))), man.accessToken());
        assertThat(set.status()).as("preferences: %s", set.body()).isEqualTo(200);
    }

    /** Posts an announcement to the whole organisation and waits until the man has it in the app; returns its title. */
    String announce(Org in, Org.Member by, Org.Member reader) {
        String title = "Gathering " + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply posted = in.api().post("/api/v1/announcements", Map.of("title", title, "body", "Body of " + title, "audience", "ORGANISATION"),
                by.accessToken());
        assertThat(posted.status()).as("announce: %s", posted.body()).isEqualTo(201);
        await("his notification").atMost(Duration.ofSeconds(15)).until(() -> in.api().get("/api/v1/notifications", reader.accessToken())
                .list("items").stream().anyMatch(n -> title.equals(((Map<?, ?>) n).get("title"))));
        return title;
    }

    /** Nothing with this text reaches the phone (the text relay runs every second and is woken by each commit). */
    static void noTextTo(String phone, String containing) throws InterruptedException {
        Thread.sleep(2500);
        assertThat(textsTo(phone).stream().filter(s -> s.body().contains(containing))).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> consents(Org in, Org.Member man) {
        Api.Reply export = in.api().get("/api/v1/me/export", man.accessToken());
        assertThat(export.status()).as("export: %s", export.body()).isEqualTo(200);
        return export.list("consents").stream().map(entry -> (Map<String, Object>) entry).toList();
    }

    /** The consents his texts recorded (his settings record theirs too). */
    static List<String> smsConsents(Org in, Org.Member man) {
        return consents(in, man).stream().filter(c -> "SMS".equals(c.get("channel")) && String.valueOf(c.get("how")).startsWith("sms-"))
                .map(c -> c.get("how") + ":" + c.get("given") + ":" + c.get("kind")).toList();
    }

    record Answer(int status, String body, String contentType) {
    }

    Answer post(String form, String signature, String host) {
        MutableHttpRequest<String> request = HttpRequest.POST(WEBHOOK, form).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        if (host != null) {
            request.header(HttpHeaders.HOST, host);
        }
        try {
            HttpResponse<String> response = client.toBlocking().exchange(request, String.class);
            return new Answer(response.getStatus().getCode(), response.body(), response.getContentType().map(MediaType::toString).orElse(""));
        } catch (HttpClientResponseException e) {
            return new Answer(e.getStatus().getCode(), e.getResponse().getBody(String.class).orElse(""),
                    e.getResponse().getContentType().map(MediaType::toString).orElse(""));
        }
    }

    static Map<String, String> form(String sid, String from, String to, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("AccountSid", SmsCatcher.ACCOUNT_SID);
        form.put("From", from);
        form.put("To", to);
        form.put("Body", body);
        form.values().removeIf(value -> value == null);
        return form;
    }

    static String encoded(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static String signed(Map<String, String> form) {
        return SmsCatcher.signature(SmsCatcher.AUTH_TOKEN, catcher().signedUrl(), form);
    }

    @Test
    void aStopEndsHisTextsFromTheOrganisationUntilHeTextsStart() throws Exception {
        Org.Member man = org.member();
        String phone = verifiedPhone(org, man, aPhone());
        textsOn(org, man);
        awaitTextTo(phone, announce(org, leader, man));

        text(phone, "STOP");

        assertThat(awaitTextTo(phone, "no more texts").body()).contains(org.tenant().name()).contains("START");
        String whileStopped = announce(org, leader, man);
        noTextTo(phone, whileStopped);

        text(phone, "start");

        assertThat(awaitTextTo(phone, "back on").body()).contains(org.tenant().name());
        awaitTextTo(phone, announce(org, leader, man));
        assertThat(smsConsents(org, man)).containsExactly("sms-stop:false:null", "sms-start:true:null");
    }

    @Test
    void everyStopWordInAnyCaseWithSpacesAroundIsAStop() {
        for (String word : List.of("STOP", "stop", " Unsubscribe ", "end", "QUIT", "Cancel\n")) {
            Org.Member man = org.member();
            String phone = verifiedPhone(org, man, aPhone());

            text(phone, word);

            awaitTextTo(phone, "no more texts");
            assertThat(smsConsents(org, man)).as("after %s", word).containsExactly("sms-stop:false:null");
        }
    }

    @Test
    void stopPleaseIsAMessageNotAStop() throws Exception {
        Org.Member man = org.member();
        String phone = verifiedPhone(org, man, aPhone());
        textsOn(org, man);

        text(phone, "stop please");

        String after = announce(org, leader, man);
        awaitTextTo(phone, after);
        assertThat(textsTo(phone).stream().filter(s -> s.body().contains("no more texts"))).isEmpty();
        assertThat(smsConsents(org, man)).isEmpty();
    }

    @Test
    void helpIsAnsweredWithTheOrganisationsNameAndHowToStop() {
        Org.Member man = org.member();
        String phone = verifiedPhone(org, man, aPhone());

        text(phone, " help ");

        SmsCatcher.Sms answer = awaitTextTo(phone, "Reply STOP");
        assertThat(answer.body()).contains(org.tenant().name());
        assertThat(answer.from()).isEqualTo(ourNumber());
        assertThat(smsConsents(org, man)).as("HELP changes nothing").isEmpty();
    }

    @Test
    void aMustReachMessageSkipsTheTextToAStoppedPhoneAndGoesOnToMail() throws Exception {
        Org.Member man = org.member();
        String phone = verifiedPhone(org, man, aPhone());
        String circle = api.post("/api/v1/circles", Map.of("name", "Stop " + UUID.randomUUID().toString().substring(0, 6), "capacity", 8),
                facilitator.accessToken()).string("id");
        assertThat(api.post("/api/v1/circles/" + circle + "/members", Map.of("personId", man.id().toString()), facilitator.accessToken())
                .status()).isEqualTo(201);
        text(phone, "STOP");
        awaitTextTo(phone, "no more texts");
        String words = "Bus moved to the east gate " + UUID.randomUUID().toString().substring(0, 6);

        Api.Reply sent = api.post("/api/v1/safety-messages", Map.of("circleId", circle, "text", words), facilitator.accessToken());
        assertThat(sent.status()).as("send: %s", sent.body()).isEqualTo(201);
        await("his notification").atMost(Duration.ofSeconds(15)).until(() -> count("select count(*) from %s.notifications where source = 'safety:"
                + sent.string("id") + "'") == 1);
        sql("update %s.notifications set next_step_at = now() - interval '1 second' where source = 'safety:" + sent.string("id")
                + "' and next_step_at is not null");

        await("the mail, at once").atMost(Duration.ofSeconds(15)).until(() -> RealStack.stack().mailCatcher().messages().stream()
                .anyMatch(m -> m.to().contains(man.email()) && m.body().contains(words)));
        assertThat(textsTo(phone).stream().filter(s -> s.body().contains(words))).isEmpty();
        assertThat(api.get("/api/v1/safety-messages/" + sent.string("id"), facilitator.accessToken()).list("reached").stream()
                .map(r -> (Map<?, ?>) r).filter(r -> man.id().toString().equals(r.get("personId"))).findFirst().orElseThrow().get("channels"))
                .isEqualTo(List.of("app", "email"));
    }

    @Test
    void aForgedOrMissingSignatureIsRefusedAndChangesNothing() throws Exception {
        Org.Member man = org.member();
        String phone = verifiedPhone(org, man, aPhone());
        Map<String, String> stop = form("SM" + UUID.randomUUID().toString().replace("-", ""), phone, ourNumber(), "STOP");

        Answer forged = post(encoded(stop), SmsCatcher.signature("not-the-token", catcher().signedUrl(), stop), null);
        Answer missing = post(encoded(stop), null, null);
        Answer overTheHostItCameTo = post(encoded(stop), SmsCatcher.signature(SmsCatcher.AUTH_TOKEN, server.getURL() + WEBHOOK, stop), null);
        Map<String, String> changed = new LinkedHashMap<>(stop);
        changed.put("Body", "START");
        Answer bodyChanged = post(encoded(changed), signed(stop), null);

        for (Answer refused : List.of(forged, missing, overTheHostItCameTo, bodyChanged)) {
            assertThat(refused.status()).as("%s", refused.body()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).contains("\"code\":\"SMS_SIGNATURE_INVALID\"");
        }
        Thread.sleep(1500);
        assertThat(textsTo(phone).stream().filter(s -> s.body().contains("no more texts"))).isEmpty();
        assertThat(smsConsents(org, man)).isEmpty();
        assertThat(post(encoded(stop), signed(stop), null).status()).as("the same, signed").isEqualTo(200);
        awaitTextTo(phone, "no more texts");
    }

    @Test
    void theSameMessagePostedTwiceIsActedOnOnce() throws Exception {
        Org.Member man = org.member();
        String phone = verifiedPhone(org, man, aPhone());
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");

        assertThat(catcher().inbound(sid, phone, ourNumber(), "STOP").status()).isEqualTo(200);
        assertThat(catcher().inbound(sid, phone, ourNumber(), "STOP").status()).isEqualTo(200);

        awaitTextTo(phone, "no more texts");
        Thread.sleep(1500);
        assertThat(textsTo(phone).stream().filter(s -> s.body().contains("no more texts"))).hasSize(1);
        assertThat(smsConsents(org, man)).containsExactly("sms-stop:false:null");
    }

    @Test
    void aStopIsNotAnotherOrganisationsBusiness() throws Exception {
        Org.Member here = org.member();
        String herePhone = verifiedPhone(org, here, aPhone());
        Org.Member there = other.member();
        String therePhone = verifiedPhone(other, there, aPhone());
        textsOn(other, there);
        long stopsThereBefore = count("select count(*) from %s.text_stops", other);
        long commandsThereBefore = count("select count(*) from %s.text_commands", other);

        text(herePhone, "STOP");

        awaitTextTo(herePhone, "no more texts");
        assertThat(textsTo(herePhone).stream().filter(s -> s.body().contains("no more texts")).findFirst().orElseThrow().body())
                .doesNotContain(other.tenant().name());
        awaitTextTo(therePhone, announce(other, other.member(Role.LEADERSHIP), there));
        assertThat(count("select count(*) from %s.text_stops", other)).isEqualTo(stopsThereBefore);
        assertThat(count("select count(*) from %s.text_commands", other)).isEqualTo(commandsThereBefore);
        assertThat(smsConsents(other, there)).isEmpty();
    }

    /** As tenant-admin tells app when an operator gives an organisation its own number (null: the shared one again). */
    void ownNumber(Org of, String number) throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", RealStack.stack().kafkaBootstrapServers());
        try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer = new org.apache.kafka.clients.producer.KafkaProducer<>(props,
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer())) {
            UUID tenant = of.tenant().id().value();
            Map<String, Object> payload = new java.util.HashMap<>();
            payload.put("slug", of.tenant().slug());
            payload.put("number", number);
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("hearth.tenant-lifecycle", tenant.toString(), json.writeValueAsString(
                    new io.hearth.kit.outbox.EventEnvelope(UUID.randomUUID(), "TenantSmsNumberChanged", tenant, java.time.Instant.now(), 1, payload)))).get();
        }
        await("its number is known").atMost(Duration.ofSeconds(15)).until(() -> {
            try (Connection c = connection(); java.sql.PreparedStatement s = c.prepareStatement(
                    "select count(*) from public.sending_numbers where tenant_id = ? and number is not distinct from ?")) {
                s.setObject(1, of.tenant().id().value());
                s.setString(2, number);
                try (java.sql.ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) == 1;
                }
            }
        });
    }

    @Test
    void anOrganisationsOwnNumberSendsItsTextsAndAStopToItStopsThatOrganisationAlone() throws Exception {
        Org own = Org.create(provisioning, directory, client, "textsown");
        String number = "+4477007" + String.format("%05d", ThreadLocalRandom.current().nextInt(100000));
        ownNumber(own, number);
        String phone = aPhone();
        Org.Member mine = own.member();
        verifiedPhone(own, mine, phone);
        SmsCatcher.Sms code = textsTo(phone).get(textsTo(phone).size() - 1);
        Org.Member elsewhere = org.member();
        verifiedPhone(org, elsewhere, phone);
        textsOn(org, elsewhere);

        SmsCatcher.Inbound answered = catcher().inbound(phone, number, "STOP");

        assertThat(code.from()).as("its texts come from its own number").isEqualTo(number);
        assertThat(answered.status()).as("webhook: %s", answered.response()).isEqualTo(200);
        SmsCatcher.Sms answer = awaitTextTo(phone, "no more texts");
        assertThat(answer.from()).as("answered from the number he texted").isEqualTo(number);
        assertThat(answer.body()).contains(own.tenant().name()).doesNotContain(org.tenant().name());
        assertThat(smsConsents(own, mine)).containsExactly("sms-stop:false:null");
        assertThat(smsConsents(org, elsewhere)).as("a stop to one organisation's number is not another's business").isEmpty();
        SmsCatcher.Sms fromShared = awaitTextTo(phone, announce(org, leader, elsewhere));
        assertThat(fromShared.from()).isEqualTo(ourNumber());

        catcher().inbound(phone, ourNumber(), "STOP");
        awaitTextTo(phone, "You will get no more texts from " + org.tenant().name() + " on Hearth");
        assertThat(smsConsents(own, mine)).as("a stop to the shared number leaves an organisation with its own number alone")
                .containsExactly("sms-stop:false:null");
    }

    @Test
    void aPhoneVerifiedInTwoOrganisationsThatShareTheNumberStopsBothWithOneAnswer() {
        String phone = aPhone();
        Org.Member here = org.member();
        Org.Member there = other.member();
        verifiedPhone(org, here, phone);
        verifiedPhone(other, there, phone);

        text(phone, "QUIT");

        SmsCatcher.Sms answer = awaitTextTo(phone, "no more texts");
        assertThat(answer.body()).contains(org.tenant().name()).contains(other.tenant().name());
        assertThat(smsConsents(org, here)).containsExactly("sms-stop:false:null");
        assertThat(smsConsents(other, there)).containsExactly("sms-stop:false:null");
        assertThat(other.api().post("/api/v1/auth/verify-phone", Map.of("phone", phone), there.accessToken()).status()).isEqualTo(202);
        assertThat(textsTo(phone).stream().filter(s -> s.body().contains("no more texts"))).hasSize(1);
    }

    @Test
    void badInputIsAProblemOrNothingDoneNeverAnError() throws Exception {
        Org.Member man = org.member();
        String phone = verifiedPhone(org, man, aPhone());
        Map<String, String> noFrom = form("SM" + UUID.randomUUID().toString().replace("-", ""), null, ourNumber(), "STOP");
        Map<String, String> toAnotherNumber = form("SM" + UUID.randomUUID().toString().replace("-", ""), phone, "+15005550999", "STOP");
        Map<String, String> fromNobody = form("SM" + UUID.randomUUID().toString().replace("-", ""), aPhone(), ourNumber(), "STOP");
        Map<String, String> aMessage = form("SM" + UUID.randomUUID().toString().replace("-", ""), phone, ourNumber(), "Thanks, see you Tuesday");

        Answer lacking = post(encoded(noFrom), signed(noFrom), null);
        Answer unknownNumber = post(encoded(toAnotherNumber), signed(toAnotherNumber), null);
        Answer unknownSender = post(encoded(fromNobody), signed(fromNobody), null);
        Answer notACommand = post(encoded(aMessage), signed(aMessage), null);
        Answer onAnOrganisationsHost = post(encoded(aMessage), signed(aMessage), org.tenant().slug() + ".localhost");
        Answer garbage = post("%zz=%%&&=", "x", null);

        assertThat(lacking.status()).isEqualTo(422);
        assertThat(lacking.body()).contains("\"code\":\"VALIDATION_ERROR\"").contains("From");
        assertThat(unknownNumber.status()).isEqualTo(200);
        assertThat(unknownNumber.contentType()).startsWith("text/xml");
        assertThat(unknownNumber.body()).contains("<Response>");
        assertThat(unknownSender.status()).isEqualTo(200);
        assertThat(notACommand.status()).isEqualTo(200);
        assertThat(onAnOrganisationsHost.status()).isEqualTo(404);
        assertThat(garbage.status()).isIn(400, 403);
        Thread.sleep(1500);
        assertThat(textsTo(phone).stream().filter(s -> s.body().contains("no more texts"))).isEmpty();
        assertThat(smsConsents(org, man)).isEmpty();
    }

    void sql(String statement) throws Exception {
        try (Connection c = connection()) {
            c.createStatement().executeUpdate(statement.formatted(org.tenant().id().schemaName()));
        }
    }

    long count(String query) throws Exception {
        return count(query, org);
    }

    static long count(String query, Org in) throws Exception {
        try (Connection c = connection(); ResultSet rs = c.createStatement().executeQuery(query.formatted(in.tenant().id().schemaName()))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Connection connection() throws Exception {
        return DriverManager.getConnection(RealStack.stack().jdbcUrl(LocalStack.Database.APP), RealStack.stack().dbUsername(),
                RealStack.stack().dbPassword());
    }
}
