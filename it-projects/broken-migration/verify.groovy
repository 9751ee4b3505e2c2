// broken-migration: PostgreSQL rejects line 7 of V2__broken.sql. The build fails with one message naming
// file, line, SQLSTATE and PostgreSQL's own text, prints no stack trace, and never applies V3.
String log = new File(basedir, 'build.log').text
assert log.contains('--- db-guard:') : 'the db-guard goal never ran'

assert log.contains('BUILD FAILURE')
assert log.contains('V2__broken.sql:7') : 'the failure does not name V2__broken.sql:7'
assert log.contains('42601') : 'the failure does not give the SQLSTATE 42601'
assert log.contains('syntax error') : "the failure does not give PostgreSQL's text"

// No stack trace from db-guard's goal on: no "at org.x.Y(...)" frames, no "Caused by", no
// "SomeException: message" lines. (Maven's "[Help 1] .../MojoFailureException" link is not a stack trace.)
// Only the goal's part of the log is read: dependency resolution before it is Maven's business.
String fromGoal = log.substring(log.indexOf('--- db-guard:'))
def traces = fromGoal.readLines().findAll {
    it =~ /^\s*(\[\w+\]\s*)?at [a-z][\w$.]+ ?\(/ || it.contains('Caused by:') || it =~ /\w+(Exception|Error): /
}
assert traces.isEmpty() : "stack trace lines in build.log:\n${traces.join('\n')}"
assert !fromGoal.contains('at org.') : 'build.log holds a stack frame'

// V3 comes after the failure: it is never applied (it may be listed, never reported as applying or applied)
def v3 = log.readLines().findAll { it.contains('V3__after_broken.sql') }
def appliedV3 = v3.findAll { it =~ /(?i)\bappl(y|ying|ied)\b/ && !(it =~ /(?i)\bnot\b/) }
assert appliedV3.isEmpty() : "V3 was applied:\n${appliedV3.join('\n')}"
return true
