-- isolated: every command goes through the membership check
CREATE TABLE notes (
    id uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    author_id uuid NOT NULL REFERENCES auth.users (id),
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notes_account_id_idx ON notes (account_id);
CREATE INDEX notes_author_id_idx ON notes (author_id);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE POLICY members_only ON notes TO authenticated
    USING (has_role_on_account(account_id))
    WITH CHECK (has_role_on_account(account_id));
GRANT SELECT, INSERT, UPDATE, DELETE ON notes TO authenticated;
