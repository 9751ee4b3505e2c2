// probe-membership: the session names a user (request.jwt.claim.sub, read by auth.uid()), not a tenant; policies
// check membership through account_user with a SECURITY DEFINER function. The probe must link one user to each
// synthetic account, reach every tenant table without a fixture file, and find exactly the planted leaks:
// public.files (the membership function forgets the user) and public.invitations (INSERT checks nothing).
import groovy.json.JsonSlurper

File json = new File(basedir, 'target/db-guard/db-guard.json')
assert json.isFile() : "no JSON report at ${json}"
def report = new JsonSlurper().parse(json)
def described = { list -> list.collect { "${it.rule} ${it.table}: ${it.message}" } }

// 100 % coverage: account_user, notes, files, invitations
assert report.probe != null : 'the probe did not run'
assert report.probe.tenantTables == 4 : "tenant tables: ${report.probe}"
assert report.probe.probed == 4 : "not every tenant table was probed: ${report.probe}; " +
        "${described(report.findings.findAll { it.rule == 'probe-skipped' })}"
assert report.probe.skipped == 0

def probeFindings = report.findings.findAll { it.rule.startsWith('isolation-') || it.rule == 'probe-skipped' }
assert probeFindings.collect { "${it.rule} ${it.table}" } as Set == ['isolation-read-leak public.files',
        'isolation-write-leak public.files', 'isolation-write-leak public.invitations'] as Set :
        "probe findings: ${described(probeFindings)}"
def filesRead = report.findings.find { it.rule == 'isolation-read-leak' && it.table == 'public.files' }
assert filesRead.fix.contains('account_id IN (SELECT m.account_id FROM public.account_user m WHERE m.user_id = ') :
        "the fix checks membership: ${filesRead.fix}"
assert report.findings.find { it.rule == 'isolation-write-leak' && it.table == 'public.invitations' }
        .message.contains('INSERT of a tenant-B row')

// docs/RULES.md, section 2: a branch that passes the tenant column to a function involves the tenant column; whether it
// isolates is the probe's to show, so no membership policy is reported from its text
def ignores = report.findings.findAll { it.rule == 'policy-ignores-tenant' }
assert ignores.isEmpty() : "policy-ignores-tenant on membership policies: ${described(ignores)}"

// exactly these rule ids, suppressed or not: a rule that is new, or that starts firing here, fails (the membership
// function is SECURITY DEFINER: security-definer-function warns on account_user)
def ruleIds = report.findings*.rule as Set
assert ruleIds == ['security-definer-function', 'policy-always-true', 'isolation-read-leak',
        'isolation-write-leak'] as Set : "rule ids: ${ruleIds}; findings: ${described(report.findings)}"
def errors = report.findings.findAll { it.severity == 'ERROR' && !it.suppressed }
assert errors.collect { "${it.rule} ${it.table}" } as Set == ['isolation-read-leak public.files',
        'isolation-write-leak public.files', 'isolation-write-leak public.invitations',
        'policy-always-true public.invitations'] as Set : "errors: ${described(errors)}"

String log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('membership tenancy through public.account_user') : 'build.log does not say how users were linked'
assert log.contains('isolation probe: 4 of 4 tenant tables probed, 0 skipped') : 'no coverage line in build.log'
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'
return true
