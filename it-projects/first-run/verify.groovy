// first-run: three builds with a temp folder that started empty (see invoker.properties and prebuild.groovy)
import groovy.json.JsonSlurper

String log = new File(basedir, 'build.log').text
assert !log.contains('NoSuchMethodError') && !log.contains('API incompatibility') : 'the plugin crashed'
assert log.count('BUILD SUCCESS') == 3 : 'expected three successful builds'
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'

def report = new JsonSlurper().parse(new File(basedir, 'target/db-guard/db-guard.json'))
assert report.migrations*.file == ['V1__tenants.sql', 'V2__notes.sql']
assert report.findings.findAll { it.severity == 'ERROR' && !it.suppressed }.isEmpty()

// the binaries were unpacked here, by the plugin: PostgreSQL's own executable is in the project's temp folder
File tmp = new File(basedir, 'tmp')
File binaries = new File(tmp, 'embedded-pg')
def postgres = []
binaries.eachFileRecurse { if (it.name == 'postgres' && it.parentFile.name == 'bin') postgres << it }
assert !postgres.isEmpty() : "no unpacked PostgreSQL under ${binaries}"

// and nothing else is left behind: no detection script, no instance directory, no report temp file
def left = tmp.listFiles().collect { it.name }.sort()
assert left == ['embedded-pg'] : "left in the temp folder besides the binaries: ${left - 'embedded-pg'}"
return true
