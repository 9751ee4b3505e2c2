// integration-tests: db-guard:start migrates and checks, keeps the database running and exports its
// connection; failsafe's ITs connect as the RLS-bound app role and see only their tenant's rows; db-guard:stop
// stops the server afterwards.
String log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('--- db-guard:' ) && log.contains(':start (database-for-its)')
assert log.contains('db-guard: 0 errors, ')

def kept = log =~ /database kept running for the integration tests: dbguard\.url=(jdbc:postgresql:\/\/localhost:(\d+)\/\w+), dbguard\.username=postgres, dbguard\.port=(\d+)/
assert kept.find() : 'start did not report the exported connection'
int port = kept.group(3) as int
assert kept.group(2) as int == port

// failsafe ran both ITs against it, then stop stopped it
def failsafe = new File(basedir, 'target/failsafe-reports/TEST-dev.dbguard.it.TenantIsolationIT.xml')
assert failsafe.isFile() : 'failsafe did not run TenantIsolationIT'
def suite = new groovy.xml.XmlSlurper().parse(failsafe)
assert suite.@tests.toInteger() == 2 && suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 && suite.@skipped.toInteger() == 0
assert log.indexOf('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0') > log.indexOf('database kept running')
assert log.contains('db-guard: stopped the database of the integration tests')
assert log.indexOf('stopped the database') > log.indexOf('maven-failsafe-plugin:3.5.2:integration-test')

// nothing listens on the port any more
boolean listening
try {
    new Socket('localhost', port).close()
    listening = true
} catch (IOException e) {
    listening = false
}
assert !listening : "a server still listens on port ${port} after stop"
return true
