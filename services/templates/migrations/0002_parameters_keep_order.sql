-- Up Migration

-- A parameter schema's properties are shown to sellers as a form in the order the admin wrote
-- them; jsonb sorts object keys, json keeps the text as written.
alter table template_revisions alter column parameters type json using parameters::json;
