-- Phones that texted STOP to the organisation's number: nothing is texted to them until they text START. The number is
-- kept as a keyed hash only (HMAC-SHA256 under a key derived from the field encryption keys: phone numbers are sealed
-- at rest), made with the key in use and looked up under every listed key, so a stop outlives a key rotation.
create table text_stops (
    phone_hash text        primary key,
    stopped_at timestamptz not null
);
