CREATE TABLE accounts (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    primary_owner_user_id uuid NOT NULL REFERENCES auth.users (id),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_primary_owner_user_id_idx ON accounts (primary_owner_user_id);

-- who belongs to which account
CREATE TABLE account_user (
    account_id uuid NOT NULL REFERENCES accounts (id),
    user_id uuid NOT NULL REFERENCES auth.users (id),
    account_role text NOT NULL CHECK (account_role IN ('owner', 'member')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, user_id)
);
CREATE INDEX account_user_user_id_idx ON account_user (user_id);

-- the membership check every policy uses; SECURITY DEFINER so it reads account_user past its own policy
CREATE FUNCTION has_role_on_account(account uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT EXISTS (SELECT 1 FROM account_user m WHERE m.account_id = account AND m.user_id = auth.uid())
    $$;

ALTER TABLE account_user ENABLE ROW LEVEL SECURITY;
ALTER TABLE account_user FORCE ROW LEVEL SECURITY;
CREATE POLICY members_see_their_accounts ON account_user FOR SELECT TO authenticated
    USING (has_role_on_account(account_id));
GRANT SELECT ON accounts, account_user TO authenticated;
