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

// Rules of other sections this schema also triggers, compared by id only: the probe's proof of the tables without
// row level security (section 3) and the schema hygiene (section 7: no timestamps, label/nickname/display_name,
// unindexed foreign keys). Every other rule's findings are compared one by one with `expected` below, so a rule that
// is new, or that starts firing here, fails instead of going unnoticed.
def others = ['isolation-read-leak', 'isolation-write-leak', 'timestamps-missing', 'naming-drift',
              'foreign-key-unindexed'] as Set

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


def ruleIds = report.findings*.rule as Set
def expectedIds = (expected.collect { it.substring(0, it.indexOf('|')) } as Set) + others
assert ruleIds == expectedIds : "rule ids: missing ${expectedIds - ruleIds}, unexpected ${ruleIds - expectedIds}"
def actual = report.findings.findAll { !it.suppressed && !(it.rule in others) }
        .collect { "${it.rule}|${it.table}".toString() } as Set
def missing = expected - actual
def extra = actual - expected
assert missing.isEmpty() && extra.isEmpty() : "missing: ${missing}\nextra: ${extra}"

// each changeset is one migration, named as Liquibase names it: file::id::author
assert report.migrations*.file.collect { it.substring(it.indexOf('::') + 2) } == ['1-tenants::motomind',
        '2-garages::motomind', '3-vehicles::motomind', '4-vehicle-events-and-reminders::motomind',
        '5-vehicle-images::motomind']
def files = ['db/changelog/db.changelog-master.xml', 'db/changelog/changes/vehicles.xml']
report.findings.findAll { !(it.rule in others) }.each { f ->
    assert f.file in files : "${f.rule} on ${f.table} points at ${f.file}"
    assert f.line > 0
}
// Liquibase's own tables are bookkeeping, never judged
assert !report.findings.any { it.table?.toLowerCase()?.contains('databasechangelog') }
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'
return true
