// flyway-placeholders: Flyway applied V1, V2 (placeholders in table names and the policy's setting), the Java
// migration V3 from the project's classes, the repeatable view and the afterMigrate.sql callback; the Java migration's table fails the build.
import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/db-guard/db-guard.json'))
String log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('migrations: Flyway') : 'db-guard did not choose Flyway'

// Flyway's order: versioned (SQL and Java) by version, then the repeatable
assert report.migrations*.file == ['V1__tenants.sql', 'V2__vehicles.sql', 'db.migration.V3__Service_events',
                                   'R__vehicle_summary.sql'] : "migrations: ${report.migrations*.file}"

def findings = report.findings.findAll { !it.suppressed }
def keys = findings.collect { "${it.rule}|${it.table}".toString() } as Set

// placeholders were replaced: the tables carry the prefix, and no policy finding on the vehicles table
// (its USING and WITH CHECK read current_setting('app.tenant_id') once ${tenantSetting} is replaced)
assert keys.contains('tenant-column-missing|public.fleet_service_events') : "findings: ${keys}"
assert keys.contains('rls-disabled|public.fleet_service_events') : "findings: ${keys}"
assert !findings.any { it.table == 'public.fleet_vehicles' && it.rule.startsWith('policy-') } :
        "policy findings on fleet_vehicles: ${findings.findAll { it.table == 'public.fleet_vehicles' }}"
assert !findings.any { it.table == 'public.fleet_vehicles' && it.rule.startsWith('rls-') }
// Flyway's schema history table is Flyway's bookkeeping, never judged
assert !findings.any { it.table?.contains('flyway_schema_history') }

// the SQL callback afterMigrate.sql ran: its table is judged, and no line made it (callbacks are not migrations)
assert keys.contains('tenant-column-missing|public.fleet_sync_log') : "findings: ${keys}"
assert findings.find { it.rule == 'tenant-column-missing' && it.table == 'public.fleet_sync_log' }.file == null

// the Java migration's table points at the Java migration
def missing = findings.find { it.rule == 'tenant-column-missing' && it.table == 'public.fleet_service_events' }
assert missing.file == 'db.migration.V3__Service_events' : "file: ${missing.file}"

assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'
return true
