// parallel-modules: billing and inventory built with -T 2. Each gets its own PostgreSQL (port, directory) for
// check and for start/stop; both create the role module_app, which only works on separate servers; each IT
// sees its own module's schema.
String log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 2')

['billing', 'inventory'].each { module ->
    def json = new File(basedir, "${module}/target/db-guard/db-guard.json")
    assert json.isFile() : "no report for ${module}"
    def suite = new File(basedir, "${module}/target/failsafe-reports/TEST-dev.dbguard.it.${module}.OwnDatabaseIT.xml")
    assert suite.isFile() : "failsafe did not run the IT of ${module}"
    def xml = new groovy.xml.XmlSlurper().parse(suite)
    assert xml.@tests.toInteger() == 1 && xml.@failures.toInteger() == 0 && xml.@errors.toInteger() == 0
}

def ports = (log =~ /database kept running for the integration tests: dbguard\.url=jdbc:postgresql:\/\/localhost:(\d+)\//)
        .collect { it[1] }
assert ports.size() == 2 : "expected two kept databases, saw ${ports}"
assert ports[0] != ports[1] : "both modules got port ${ports[0]}"
assert (log =~ /db-guard: stopped the database of the integration tests/).size() == 2
return true
