// motomind-unsafe: the build fails, and the JSON report holds exactly the findings the schema deserves.
import groovy.json.JsonSlurper

File json = new File(basedir, 'target/db-guard/db-guard.json')
assert json.isFile() : "no JSON report at ${json}"
def report = new JsonSlurper().parse(json)

// The rules of this project are those of docs/RULES.md sections 1 (tenant isolation) and 2 (row level security),
// compared finding by finding with `expected` below. Rules of other sections this schema also triggers are compared
// by id only: the probe's proof of the tables without row level security (section 3) and the schema hygiene
// (section 7: no timestamps, label/nickname/display_name, unindexed foreign keys). A rule id in neither fails, so a
// rule that is new, or that starts firing here, does not go unnoticed.
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

def keys = ['rule', 'severity', 'table', 'column', 'file', 'line', 'message', 'fix', 'rollback', 'suppressed']
report.findings.each { f ->
    assert f.keySet() as List == keys : "finding keys ${f.keySet()} differ from ${keys}"
}
assert report.keySet() as List == ['tool', 'postgres', 'migrations', 'findings', 'probe', 'summary']
assert report.probe == [tenantTables: 5, probed: 5, skipped: 0] : "probe coverage: ${report.probe}"
assert report.migrations*.file == ['V1__tenants.sql', 'V2__garages.sql', 'V3__vehicles.sql',
                                   'V4__vehicle_events_and_reminders.sql', 'V5__vehicle_images.sql']

def ruleIds = report.findings*.rule as Set
def expectedIds = (expected.collect { it.substring(0, it.indexOf('|')) } as Set) + others
assert ruleIds == expectedIds : "rule ids: missing ${expectedIds - ruleIds}, unexpected ${ruleIds - expectedIds}"
def actual = report.findings.findAll { !it.suppressed && !(it.rule in others) }
        .collect { "${it.rule}|${it.table}".toString() } as Set
def missing = expected - actual
def extra = actual - expected
assert missing.isEmpty() && extra.isEmpty() : "missing: ${missing}\nextra: ${extra}"

// each finding names the real table and carries a fix as SQL with real names, plus its rollback
report.findings.findAll { !(it.rule in others) }.each { f ->
    String name = f.table.substring(f.table.indexOf('.') + 1)
    assert f.message?.contains(name) : "${f.rule} on ${f.table}: the message does not name the table"
    assert f.fix?.contains(name) : "${f.rule} on ${f.table}: no fix naming the table"
    assert f.rollback : "${f.rule} on ${f.table}: no rollback"
}

String log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
def s = report.summary
def plural = { int n, String one, String many -> "${n} ${n == 1 ? one : many}" }
String summary = "db-guard: ${plural(s.ERROR, 'error', 'errors')}, ${plural(s.WARNING, 'warning', 'warnings')}" +
        "${s.INFO > 0 ? ", ${s.INFO} info" : ''} in 5 migrations ("
assert log.contains(summary) : "build.log lacks the summary line starting '${summary}'"
assert log.contains("db-guard found ${s.ERROR} findings at or above ERROR") : 'build.log lacks the failure message'
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'
return true
