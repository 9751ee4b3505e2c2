-- a Supabase-style schema: the caller's user id comes from the request's JWT, tenants are accounts,
-- and a membership table says which users act for which account
CREATE SCHEMA auth;
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('request.jwt.claim.sub', true), '')::uuid
$$;

CREATE TABLE accounts (id uuid PRIMARY KEY, name text NOT NULL);
CREATE TABLE account_user (
    user_id      uuid NOT NULL,
    account_id   uuid NOT NULL REFERENCES accounts (id),
    account_role text NOT NULL DEFAULT 'member',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, account_id)
);
CREATE INDEX account_user_account_id_idx ON account_user (account_id);

CREATE FUNCTION has_role_on_account(account uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT EXISTS (SELECT 1 FROM account_user au WHERE au.user_id = auth.uid() AND au.account_id = account)
$$;
