-- meant as "the account has members", used as if it were "I am a member": it forgets the user
CREATE FUNCTION account_has_members(account uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT EXISTS (SELECT 1 FROM account_user m WHERE m.account_id = account)
    $$;

-- leaking: any signed-in user reads and writes every account's files
CREATE TABLE files (
    id uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    path text NOT NULL,
    size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX files_account_id_idx ON files (account_id);
ALTER TABLE files ENABLE ROW LEVEL SECURITY;
ALTER TABLE files FORCE ROW LEVEL SECURITY;
CREATE POLICY members_only ON files TO authenticated
    USING (account_has_members(account_id));
GRANT SELECT, INSERT, UPDATE, DELETE ON files TO authenticated;
