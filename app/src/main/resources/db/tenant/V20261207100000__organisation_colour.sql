-- The organisation's own colour (#rrggbb, lower case) for its mail; null: Hearth's.
alter table organisation_settings add column brand_colour text check (brand_colour is null or brand_colour ~ '^#[0-9a-f]{6}$');
