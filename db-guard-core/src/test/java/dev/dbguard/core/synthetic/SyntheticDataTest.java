package dev.dbguard.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.catalog.CatalogReader;
import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.catalog.QualifiedName;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.tenancy.TenantModel;
import dev.dbguard.core.testing.SharedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Synthetic rows on a real PostgreSQL: PostgreSQL itself checks every type, key and constraint. */
class SyntheticDataTest {

    private static final String SCHEMA = """
            CREATE TYPE status AS ENUM ('draft', 'sent', 'paid');
            CREATE DOMAIN positive_amount AS numeric(10, 2) CHECK (VALUE > 0);
            CREATE DOMAIN short_code AS varchar(3);
            CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL UNIQUE);
            CREATE TABLE customers (
                tenant_id uuid NOT NULL REFERENCES tenants (id),
                id bigint GENERATED ALWAYS AS IDENTITY,
                email varchar(80) NOT NULL,
                code char(2) NOT NULL,
                active boolean NOT NULL DEFAULT true,
                born date,
                wake time,
                seen timestamp,
                created_at timestamptz NOT NULL DEFAULT now(),
                grace interval,
                profile jsonb NOT NULL,
                raw json,
                avatar bytea,
                ip inet,
                tags text[] NOT NULL,
                scores int[],
                kind status NOT NULL,
                kinds status[],
                currency short_code NOT NULL,
                ref uuid NOT NULL UNIQUE,
                small smallint NOT NULL,
                PRIMARY KEY (tenant_id, id),
                UNIQUE (tenant_id, email)
            );
            CREATE TABLE invoices (
                tenant_id uuid NOT NULL REFERENCES tenants (id),
                id integer NOT NULL,
                customer_id bigint NOT NULL,
                amount positive_amount NOT NULL,
                state text NOT NULL CHECK (state IN ('open', 'closed')),
                quantity integer NOT NULL CHECK (quantity BETWEEN 5 AND 9),
                starts_on date NOT NULL,
                ends_on date NOT NULL,
                total numeric GENERATED ALWAYS AS (amount * quantity) STORED,
                CHECK (starts_on < ends_on),
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
            );
            CREATE TABLE invoice_lines (
                invoice_tenant uuid NOT NULL,
                invoice_id integer NOT NULL,
                line serial,
                parent_line integer,
                note text CHECK (note <> ''),
                PRIMARY KEY (invoice_tenant, invoice_id, line),
                FOREIGN KEY (invoice_tenant, invoice_id) REFERENCES invoices (tenant_id, id)
            );
            CREATE TABLE folders (
                id uuid PRIMARY KEY,
                tenant_id uuid NOT NULL REFERENCES tenants (id),
                parent_id uuid NOT NULL REFERENCES folders (id),
                name text NOT NULL
            );
            CREATE TABLE events (
                tenant_id uuid NOT NULL REFERENCES tenants (id),
                happened date NOT NULL,
                payload text
            ) PARTITION BY RANGE (happened);
            CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
            CREATE TABLE events_2030 PARTITION OF events FOR VALUES FROM ('2030-01-01') TO ('2031-01-01');
            CREATE TABLE regions (code text PRIMARY KEY) ;
            CREATE TABLE impossible (
                tenant_id uuid NOT NULL REFERENCES tenants (id),
                code text NOT NULL CHECK (code ~ '^[0-9]{12}$')
            );
            CREATE TABLE impossible_child (
                tenant_id uuid NOT NULL REFERENCES tenants (id),
                id integer PRIMARY KEY
            );
            """;

    @Test
    void fillsEveryTableForBothTenantsInForeignKeyOrder() throws Exception {
        try (ThrowawayPostgres db = SharedPostgres.scratchDatabases().provision(config(), null);
             Connection admin = db.connectAsAdmin()) {
            try (Statement s = admin.createStatement()) {
                s.execute(SCHEMA);
            }
            CatalogSnapshot snapshot = CatalogReader.read(admin, List.of("public"));
            TenantModel tenancy = new TenantModel(snapshot, List.of("tenant_id"), "tenants", List.of(), List.of("public"));
            SyntheticData data = new SyntheticData(snapshot, tenancy);
            SyntheticData.Result result = data.fill(admin, snapshot.tables());

            assertThat(result.tenantA()).isNotEqualTo(result.tenantB()).isNotIn("0", "1", "");
            for (String table : List.of("customers", "invoices", "invoice_lines", "folders", "events", "regions")) {
                SyntheticData.TableRows rows = result.of(new QualifiedName("public", table)).orElseThrow();
                assertThat(rows.skipReason()).as(table).isNull();
                assertThat(rows.rowsOf(0)).as(table).isNotEmpty();
                assertThat(rows.rowsOf(1)).as(table).isNotEmpty();
            }
            SyntheticData.TableRows impossible = result.of(new QualifiedName("public", "impossible")).orElseThrow();
            assertThat(impossible.skipReason()).contains("impossible_code_check");
            assertThat(result.of(new QualifiedName("public", "events_2023"))).isEmpty();

            // PostgreSQL agrees: children point at parents of the same tenant, rows land in both partitions
            assertThat(count(admin, "SELECT count(*) FROM tenants")).isEqualTo(2);
            assertThat(count(admin, "SELECT count(*) FROM invoices i JOIN customers c ON c.id = i.customer_id "
                    + "AND c.tenant_id = i.tenant_id")).isEqualTo(4);
            assertThat(count(admin, "SELECT count(*) FROM folders f JOIN folders p ON p.id = f.parent_id "
                    + "WHERE p.tenant_id <> f.tenant_id")).isZero();
            assertThat(count(admin, "SELECT count(*) FROM events_2023")).isEqualTo(2);
            assertThat(count(admin, "SELECT count(*) FROM events_2030")).isEqualTo(2);
            assertThat(count(admin, "SELECT count(*) FROM invoices WHERE quantity BETWEEN 5 AND 9")).isEqualTo(4);

            // deterministic: the same schema and seed give the same rows
            admin.createStatement().execute("TRUNCATE tenants, customers, invoices, invoice_lines, folders, events, "
                    + "regions, impossible, impossible_child RESTART IDENTITY");
            SyntheticData.Result again = new SyntheticData(snapshot, tenancy).fill(admin, snapshot.tables());
            assertThat(again.tenantIds()).isEqualTo(result.tenantIds());
            assertThat(again.of(new QualifiedName("public", "invoices")).orElseThrow().rows().stream()
                    .map(SyntheticData.Row::values).toList())
                    .isEqualTo(result.of(new QualifiedName("public", "invoices")).orElseThrow().rows().stream()
                            .map(SyntheticData.Row::values).toList());
        }
    }

    @Test
    void fillsATenantsTableThatNeedsAGlobalParentAndColumnsOfEveryKind() throws Exception {
        SyntheticData.Result result = fill("""
                CREATE TYPE plan_kind AS ENUM ('free', 'team', 'enterprise');
                CREATE DOMAIN region_code AS text CHECK (VALUE IN ('eu-west', 'us-east'));
                CREATE DOMAIN percent AS integer CHECK (VALUE BETWEEN 0 AND 100);
                CREATE TYPE postal AS (street text, zip varchar(10), country char(2));
                CREATE TABLE plans (
                    id serial PRIMARY KEY,
                    kind plan_kind NOT NULL,
                    features jsonb NOT NULL,
                    limits int[] NOT NULL
                );
                CREATE TABLE tenants (
                    id uuid PRIMARY KEY,
                    number bigint GENERATED ALWAYS AS IDENTITY,
                    plan_id integer NOT NULL REFERENCES plans (id),
                    name text NOT NULL,
                    slug text GENERATED ALWAYS AS (lower(name)) STORED,
                    region region_code NOT NULL,
                    discount percent NOT NULL,
                    address postal NOT NULL,
                    settings jsonb NOT NULL,
                    labels text[] NOT NULL,
                    kind plan_kind NOT NULL,
                    CHECK (discount < 50)
                );
                CREATE TABLE projects (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    tenant_id uuid NOT NULL REFERENCES tenants (id),
                    region region_code NOT NULL,
                    address postal NOT NULL
                );
                """);
        assertFilled(result, "plans", "tenants", "projects");
        assertThat(result.of(name("tenants")).orElseThrow().rows()).hasSize(2);
        assertThat(result.of(name("tenants")).orElseThrow().rows().get(0).values().get("address")).startsWith("(");
    }

    @Test
    void oneRowPerTenantWhereAKeyHoldsOnlyTheTenant() throws Exception {
        SyntheticData.Result result = fill("""
                CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL);
                CREATE TABLE tenant_settings (
                    tenant_id uuid PRIMARY KEY REFERENCES tenants (id),
                    theme text NOT NULL
                );
                CREATE TABLE subscriptions (
                    id serial PRIMARY KEY,
                    tenant_id uuid NOT NULL UNIQUE REFERENCES tenants (id),
                    seats integer NOT NULL CHECK (seats > 0)
                );
                CREATE TABLE installations (
                    id serial PRIMARY KEY,
                    tenant_id uuid NOT NULL REFERENCES tenants (id),
                    token text NOT NULL
                );
                CREATE UNIQUE INDEX installations_one_per_tenant ON installations (tenant_id);
                CREATE TABLE setting_history (
                    tenant_id uuid NOT NULL REFERENCES tenant_settings (tenant_id),
                    note text NOT NULL
                );
                """);
        assertFilled(result, "tenant_settings", "subscriptions", "installations", "setting_history");
        for (String table : List.of("tenant_settings", "subscriptions", "installations")) {
            assertThat(result.of(name(table)).orElseThrow().rowsOf(0)).as(table).hasSize(1);
        }
    }

    @Test
    void aForeignKeyCycleIsFilledNullFirstThenUpdated() throws Exception {
        try (ThrowawayPostgres db = SharedPostgres.scratchDatabases().provision(config(), null);
             Connection admin = db.connectAsAdmin()) {
            execute(admin, """
                    CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL);
                    CREATE TABLE teams (
                        id uuid PRIMARY KEY,
                        tenant_id uuid NOT NULL REFERENCES tenants (id),
                        lead_id uuid
                    );
                    CREATE TABLE members (
                        id uuid PRIMARY KEY,
                        tenant_id uuid NOT NULL REFERENCES tenants (id),
                        team_id uuid NOT NULL REFERENCES teams (id)
                    );
                    ALTER TABLE teams ADD FOREIGN KEY (lead_id) REFERENCES members (id);
                    """);
            CatalogSnapshot snapshot = CatalogReader.read(admin, List.of("public"));
            TenantModel tenancy = new TenantModel(snapshot, List.of("tenant_id"), "tenants", List.of(), List.of("public"));
            SyntheticData.Result result = new SyntheticData(snapshot, tenancy).fill(admin, snapshot.tables());

            assertFilled(result, "teams", "members");
            assertThat(count(admin, "SELECT count(*) FROM teams WHERE lead_id IS NULL")).isZero();
            assertThat(count(admin, "SELECT count(*) FROM teams t JOIN members m ON m.id = t.lead_id "
                    + "WHERE m.tenant_id <> t.tenant_id")).isZero();
            // the rows as recorded are the rows as stored, after the UPDATE
            assertThat(result.of(name("teams")).orElseThrow().rows()).allMatch(r -> r.values().get("lead_id") != null);
            assertThat(result.unlinks()).hasSize(1);
            for (String unlink : result.unlinks()) {
                execute(admin, unlink);
            }
            assertThat(count(admin, "SELECT count(*) FROM teams WHERE lead_id IS NULL")).isEqualTo(4);
        }
    }

    @Test
    void triggersSeeTheRowsTenantAndARefusalNamesTheTrigger() throws Exception {
        try (ThrowawayPostgres db = SharedPostgres.scratchDatabases().provision(config(), null);
             Connection admin = db.connectAsAdmin()) {
            execute(admin, """
                    CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL);
                    CREATE TABLE notes (
                        id serial PRIMARY KEY,
                        tenant_id uuid NOT NULL REFERENCES tenants (id),
                        body text NOT NULL
                    );
                    CREATE FUNCTION notes_from_context() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.tenant_id IS DISTINCT FROM current_setting('app.tenant_id')::uuid THEN
                            RAISE EXCEPTION 'note of another tenant';
                        END IF;
                        RETURN NEW;
                    END $$;
                    CREATE TRIGGER notes_tenant BEFORE INSERT ON notes
                        FOR EACH ROW EXECUTE FUNCTION notes_from_context();
                    CREATE TABLE ledger (
                        id serial PRIMARY KEY,
                        tenant_id uuid NOT NULL REFERENCES tenants (id),
                        amount integer NOT NULL
                    );
                    CREATE FUNCTION ledger_closed() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        RAISE EXCEPTION 'the ledger is closed';
                    END $$;
                    CREATE TRIGGER ledger_guard BEFORE INSERT ON ledger
                        FOR EACH ROW EXECUTE FUNCTION ledger_closed();
                    """);
            CatalogSnapshot snapshot = CatalogReader.read(admin, List.of("public"));
            TenantModel tenancy = new TenantModel(snapshot, List.of("tenant_id"), "tenants", List.of(), List.of("public"));
            SyntheticData data = new SyntheticData(snapshot, tenancy);
            List<String> ids = data.prepare(admin);
            data.withContext(tenant -> "SET app.tenant_id = '" + ids.get(tenant) + "'");
            SyntheticData.Result result = data.fill(admin, snapshot.tables());

            assertFilled(result, "notes");
            assertThat(result.of(name("ledger")).orElseThrow().skipReason()).isEqualTo(
                    "trigger ledger_guard on public.ledger (function ledger_closed) refused the row: the ledger is closed");
        }
    }

    private static SyntheticData.Result fill(String schema) throws Exception {
        try (ThrowawayPostgres db = SharedPostgres.scratchDatabases().provision(config(), null);
             Connection admin = db.connectAsAdmin()) {
            execute(admin, schema);
            CatalogSnapshot snapshot = CatalogReader.read(admin, List.of("public"));
            TenantModel tenancy = new TenantModel(snapshot, List.of("tenant_id"), "tenants", List.of(), List.of("public"));
            SyntheticData.Result result = new SyntheticData(snapshot, tenancy).fill(admin, snapshot.tables());
            for (SyntheticData.TableRows rows : result.tables().values()) {
                // PostgreSQL holds what the generator says it inserted
                assertThat(count(admin, "SELECT count(*) FROM " + rows.table().name().sql()))
                        .as(rows.table().name().toString()).isEqualTo(rows.rows().size());
            }
            return result;
        }
    }

    private static void assertFilled(SyntheticData.Result result, String... tables) {
        for (String table : tables) {
            SyntheticData.TableRows rows = result.of(name(table)).orElseThrow();
            assertThat(rows.skipReason()).as(table).isNull();
            assertThat(rows.rowsOf(0)).as(table).isNotEmpty();
            assertThat(rows.rowsOf(1)).as(table).isNotEmpty();
        }
    }

    private static QualifiedName name(String table) {
        return new QualifiedName("public", table);
    }

    private static void execute(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static GuardConfig config() {
        return GuardConfig.builder().migration(Path.of("unused")).build();
    }
}
