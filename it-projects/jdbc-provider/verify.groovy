// jdbc-provider: the check with provider jdbc ran in a scratch database it created on the existing server
// (after the init script), not in the database the url names, and dropped it; then the server was stopped.
import groovy.json.JsonSlurper

String log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')

def kept = log =~ /dbguard\.url=jdbc:postgresql:\/\/localhost:(\d+)\/db_guard,/
assert kept.find()
String port = kept.group(1)

String jdbcPart = log.substring(log.indexOf('(on-existing-server)'), log.indexOf('(stop-existing-server)'))
assert jdbcPart =~ /created scratch database db_guard_[0-9a-f]{16} on localhost:${port}/
assert jdbcPart.contains('running init script platform.sql')
assert jdbcPart.contains('db-guard: 0 errors, ')
assert !jdbcPart.contains('[WARNING]') : 'the jdbc run warned:\n' + jdbcPart

def existing = new JsonSlurper().parse(new File(basedir, 'target/db-guard-existing/db-guard.json'))
assert existing.migrations*.file == ['V1__customers.sql']

def report = new JsonSlurper().parse(new File(basedir, 'target/db-guard-jdbc/db-guard.json'))
assert report.postgres.startsWith('17.')
assert report.migrations*.file == ['V1__projects.sql']
assert report.summary.ERROR == 0

assert log.contains('db-guard: stopped the database of the integration tests')
return true
