// liquibase-xml: the motomind-unsafe schema as a Liquibase XML changelog at the usual place. db-guard finds it,
// applies it through Liquibase changeset by changeset, and fails the build with the same rule ids as motomind-unsafe;
// the findings point into the changelog.
import groovy.json.JsonSlurper

File json = new File(basedir, 'target/db-guard/db-guard.json')
assert json.isFile() : "no JSON report at ${json}"
def report = new JsonSlurper().parse(json)
String log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('migrations: Liquibase') : 'db-guard did not choose Liquibase'

def judged = [
    'tenant-column-missing', 'tenant-column-nullable', 'tenant-column-unreferenced', 'tenant-column-unindexed',
    'tenant-column-constant-default', 'cross-tenant-reference',
    'rls-disabled', 'rls-not-forced', 'rls-without-policy', 'policy-always-true', 'policy-ignores-tenant',
    'policy-write-unchecked', 'app-role-bypasses-rls', 'app-role-owns-tables', 'app-role-can-truncate',
    'view-bypasses-rls', 'security-definer-function', 'security-definer-search-path', 'unique-not-tenant-scoped',
] as Set

// Expected rule|table pairs, one reason each. tenants is the tenants table (global); motomind_app is not
// superuser, has no BYPASSRLS, owns nothing and holds no TRUNCATE, so no app-role-* finding.
def expected = [
    'tenant-column-nullable|public.garages',          // V2: garages.tenant_id has no NOT NULL
    'rls-disabled|public.garages',                    // V2: tenant-scoped, RLS never enabled
    'cross-tenant-reference|public.vehicles',         // V3: FK garage_id -> garages without tenant_id
    'unique-not-tenant-scoped|public.vehicles',       // V3: UNIQUE (vin) without tenant_id
    'tenant-column-missing|public.vehicle_events',    // V4: tenant-owned through vehicle_id -> vehicles, no tenant_id
    'rls-disabled|public.vehicle_events',             // V4: tenant-owned, RLS disabled
    'tenant-column-missing|public.reminders',         // V4: tenant-owned through vehicle_id -> vehicles, no tenant_id
    'rls-disabled|public.reminders',                  // V4: tenant-owned, RLS disabled
    'rls-not-forced|public.vehicle_images',           // V5: ENABLE without FORCE ROW LEVEL SECURITY
    'tenant-column-unindexed|public.vehicle_images',  // V5: only vehicle_id is indexed, no index starts with tenant_id
    'cross-tenant-reference|public.vehicle_images',   // V5: FK vehicle_id -> vehicles without tenant_id
] as Set


def actual = report.findings.findAll { !it.suppressed && it.rule in judged }
        .collect { "${it.rule}|${it.table}".toString() } as Set
def missing = expected - actual
def extra = actual - expected
assert missing.isEmpty() && extra.isEmpty() : "missing: ${missing}\nextra: ${extra}"

// each changeset is one migration, named as Liquibase names it: file::id::author
assert report.migrations*.file.collect { it.substring(it.indexOf('::') + 2) } == ['1-tenants::motomind',
        '2-garages::motomind', '3-vehicles::motomind', '4-vehicle-events-and-reminders::motomind',
        '5-vehicle-images::motomind']
def files = ['db/changelog/db.changelog-master.xml', 'db/changelog/changes/vehicles.xml']
report.findings.findAll { it.rule in judged }.each { f ->
    assert f.file in files : "${f.rule} on ${f.table} points at ${f.file}"
    assert f.line > 0
}
// Liquibase's own tables are bookkeeping, never judged
assert !report.findings.any { it.table?.toLowerCase()?.contains('databasechangelog') }
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'
return true
