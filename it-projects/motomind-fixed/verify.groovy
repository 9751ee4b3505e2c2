// motomind-fixed: the same schema made safe. The build passes and the report holds no ERROR or WARNING.
import groovy.json.JsonSlurper

File json = new File(basedir, 'target/db-guard/db-guard.json')
assert json.isFile() : "no JSON report at ${json}"
def report = new JsonSlurper().parse(json)

assert report.migrations.size() == 5
def loud = report.findings.findAll { !it.suppressed && it.severity in ['ERROR', 'WARNING'] }
assert loud.isEmpty() : 'unexpected findings:\n' + loud.collect { "${it.severity} ${it.rule} ${it.table}: ${it.message}" }.join('\n')
assert report.summary.ERROR == 0 && report.summary.WARNING == 0

String log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log =~ /db-guard: 0 errors, 0 warnings(, \d+ info)? in \d+ migrations \(/ : 'build.log lacks the summary line'
return true
