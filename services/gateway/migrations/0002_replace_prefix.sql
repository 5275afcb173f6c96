-- Up Migration

-- Gateway API's URLRewrite ReplacePrefixMatch: the matched prefix is replaced by this path.
alter table routes add column replace_prefix text check (replace_prefix ~ '^/[A-Za-z0-9._~/-]*$');
