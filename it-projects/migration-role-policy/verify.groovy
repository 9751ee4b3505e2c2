// migration-role-policy: the same migrations with a policy for the migration role; its backfill changes as many
// rows as a superuser's, and the build passes.
import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/db-guard/db-guard.json'))
String log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('migrations: Flyway') : 'db-guard did not choose Flyway'
assert log.contains('applying the migrations as app_owner') : 'the migrations were not applied as app_owner'
assert log.contains('rehearsing V2__invoice_status.sql') : 'the data rehearsal did not run V2'

def loud = report.findings.findAll { !it.suppressed && it.severity in ['ERROR', 'WARNING'] }
assert loud.isEmpty() : 'unexpected findings:\n' + loud.collect { "${it.severity} ${it.rule} ${it.table}: ${it.message}" }.join('\n')
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'
return true
