// migration-role-backfill: Flyway applies the migrations as app_owner (NOSUPERUSER NOBYPASSRLS, owner of the
// database); in the data rehearsal the backfill of V2 changes no row as that role but every row as a superuser.
import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/db-guard/db-guard.json'))
String log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('migrations: Flyway') : 'db-guard did not choose Flyway'
assert log.contains('applying the migrations as app_owner') : 'the migrations were not applied as app_owner'

def blocked = report.findings.findAll { it.rule == 'backfill-blocked-by-rls' }
assert blocked.size() == 1 : "backfill-blocked-by-rls findings: ${blocked}"
def finding = blocked[0]
assert finding.severity == 'ERROR'
assert finding.table == 'public.invoices'
assert finding.file == 'V2__invoice_status.sql' && finding.line == 4 : "at ${finding.file}:${finding.line}"
assert finding.message =~ /changes 0 of \d+ rows as app_owner/ : finding.message
// the password db-guard gave the role is never printed; no superuser was needed
assert !report.findings.any { it.rule == 'migration-needs-superuser' }
assert !(log =~ /(?i)password/) : 'build.log mentions a password'
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'
return true
