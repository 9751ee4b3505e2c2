// flyway-config-reuse: db-guard read locations, schemas and placeholders (with their own prefix and suffix) from
// the project's flyway-maven-plugin block: the scripts outside the default folder were applied (V2 needs its
// <table>), #{appRole} was replaced, its url and password were ignored, and the tables of schema billing were judged (invoices has no row level security).
import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/db-guard/db-guard.json'))
String log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('migrations: Flyway') : 'db-guard did not choose Flyway'
assert log.contains('src/main/sql/migrations') : 'the location was not taken from flyway-maven-plugin'
assert report.migrations*.file == ['V1__billing.sql', 'V2__history_comment.sql'] : '<table> was not taken over'
assert !log.contains('never-read') : 'the password of the flyway-maven-plugin block was printed'
assert !log.contains('db.example.invalid') : 'the url of the flyway-maven-plugin block was used'

def keys = report.findings.findAll { !it.suppressed }.collect { "${it.rule}|${it.table}".toString() } as Set
assert keys.contains('rls-disabled|billing.invoices') : "findings: ${keys}"
def rls = report.findings.find { it.rule == 'rls-disabled' && it.table == 'billing.invoices' }
assert rls.file == 'V1__billing.sql' && rls.line == 10 : "rls-disabled at ${rls.file}:${rls.line}"
// the history table Flyway made in billing is not judged
assert !report.findings.any { it.table?.contains('flyway_schema_history') || it.table?.contains('billing_history') }
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'
return true
