// baseline-adoption: five builds of one project (see invoker.properties); build.log holds them one after the other.
import groovy.json.JsonSlurper
import javax.xml.parsers.DocumentBuilderFactory

def report = { String dir ->
    File json = new File(basedir, "target/${dir}/db-guard.json")
    assert json.isFile() : "no JSON report at ${json}"
    new JsonSlurper().parse(json)
}
def junit = { String dir ->
    File xml = new File(basedir, "target/${dir}/TEST-db-guard.xml")
    assert xml.isFile() : "no JUnit report at ${xml}"
    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml).documentElement
}
def open = { r ->
    r.findings.findAll { !it.suppressed }
            .collect { "${it.rule}|${it.severity}|${it.table}.${it.column}|${it.file}:${it.line}".toString() } as Set
}

// 1. legacy migrations + committed baseline: every finding reported, all suppressed, nothing fails
def legacy = report('db-guard-legacy')
assert legacy.findings.size() == 15 : legacy.findings
assert open(legacy).isEmpty() : "legacy findings not accepted by the baseline: ${open(legacy)}"
assert legacy.summary == [ERROR: 0, WARNING: 0, INFO: 0, suppressed: 15]
def legacySarif = new JsonSlurper().parse(new File(basedir, 'target/db-guard-legacy/db-guard.sarif'))
assert legacySarif.version == '2.1.0'
def legacyResults = legacySarif.runs[0].results
assert legacyResults.size() == 15
legacyResults.each { assert it.suppressions*.kind == ['external'] : it }
assert legacyResults.every { it.locations[0].physicalLocation.artifactLocation.uri.startsWith('src/main/resources/db/migration/V') }
def legacySuite = junit('db-guard-legacy')
assert legacySuite.getAttribute('failures') == '0'
assert legacySuite.getAttribute('skipped') == '15' // one test case per baselined finding's rule and table
assert (legacySuite.getAttribute('tests') as int) > 15

// 2. a new unsafe migration: only its finding is open, and it alone fails the build
def next = report('db-guard-next')
// the data rehearsal meets the same statement on a table with rows: it fails there too
assert open(next) == ['not-null-without-default|ERROR|public.vehicles.odometer_km|V3__odometer.sql:4',
                      'fails-on-existing-data|ERROR|public.vehicles.null|V3__odometer.sql:4'] as Set
assert next.summary.suppressed == 15
def nextSuite = junit('db-guard-next')
assert nextSuite.getAttribute('failures') == '2'
def failures = nextSuite.getElementsByTagName('failure')
def failedCases = (0..<failures.length).collect { failures.item(it).parentNode }
        .collect { "${it.getAttribute('classname')}|${it.getAttribute('name')}".toString() } as Set
assert failedCases == ['db-guard.not-null-without-default|public.vehicles', 'db-guard.fails-on-existing-data|public.vehicles'] as Set

String log = new File(basedir, 'build.log').text
assert log.contains('db-guard found 2 findings at or above ERROR') : 'build.log lacks the failure naming the new findings'
assert log.contains('not-null-without-default') && log.contains('V3__odometer.sql:4')
assert !log.contains('baseline entry matches no finding') : 'no baseline entry should be stale'

// 3. the baseline goal writes exactly the committed file: sorted, keyed by rule and object, no line numbers
File committed = new File(basedir, 'db-guard-baseline.json')
File regenerated = new File(basedir, 'target/regenerated-baseline.json')
assert regenerated.isFile() : 'the baseline goal wrote nothing'
assert regenerated.bytes == committed.bytes : 'db-guard:baseline no longer writes the committed db-guard-baseline.json ' +
        '(a rule changed?): review target/regenerated-baseline.json and copy it over the committed file'
assert log.contains('db-guard: baseline target/regenerated-baseline.json written with 15 findings')

// 4. an unknown report format stops the build before PostgreSQL starts
assert log.contains("Invalid parameter formats (dbguard.formats): unknown report format 'pdf': use json, sarif, junit, html")
assert !new File(basedir, 'target/db-guard-unknown-format').exists()

// 5. a malformed baseline file stops the build, naming the file
assert log =~ /Invalid parameter baseline \(dbguard\.baseline\): malformed baseline file \S*malformed-baseline\.json: it is not valid JSON/
assert !new File(basedir, 'target/db-guard-malformed-baseline').exists()

int success = log.indexOf('BUILD SUCCESS')
assert success >= 0 && log.indexOf('BUILD FAILURE', success) > success
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'
return true
