package dev.dbguard.core.rules.rls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Expressions as PostgreSQL 17's pg_get_expr prints them (copied from real catalogues). */
class PolicyExpressionTest {

    private static final Set<String> TENANT = Set.of("tenant_id");

    @ParameterizedTest
    @ValueSource(strings = {
            "true",
            "(1 = 1)",
            "('a'::text = 'a'::text)",
            "((tenant_id = (current_setting('app.tenant_id'::text))::uuid) OR true)",
            "(NOT false)",
            "(true AND (2 > 1))"})
    void constantTrue(String expression) {
        assertThat(PolicyExpression.parse(expression).alwaysTrue()).isTrue();
        assertThat(PolicyExpression.parse(expression).pinsTenant(TENANT)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "(tenant_id = (current_setting('app.tenant_id'::text))::uuid)",
            "((tenant_id)::text = current_setting('app.tenant_id'::text))",
            "(tenant_id = (current_setting('app.tenant_id'::text, true))::uuid)",
            "((tenant_id = (current_setting('app.tenant_id'::text))::uuid) AND (archived = false))",
            "(tenant_id IN ( SELECT memberships.tenant_id FROM memberships WHERE (memberships.user_name = CURRENT_USER)))",
            "(tenant_id = auth.current_tenant())",
            "(((tenant_id = (current_setting('app.tenant_id'::text))::uuid) OR false))",
            "(p.tenant_id = (current_setting('app.tenant_id'::text))::bigint)",
            "(\"tenant_id\" = (current_setting('app.tenant_id'::text))::uuid)",
            // membership checks involve the tenant column; whether they isolate is the probe's to show
            "has_role_on_account(tenant_id)",
            "public.has_role_on_account(tenant_id, 'owner'::text)",
            "(tenant_id = ANY ( SELECT m.tenant_id FROM memberships m WHERE (m.user_id = auth.uid())))",
            "(tenant_id IN ( SELECT tenants.id FROM tenants))",
            "(EXISTS ( SELECT 1 FROM memberships m WHERE ((m.tenant_id = notes.tenant_id) AND (m.user_id = auth.uid()))))"})
    void pinsTheTenant(String expression) {
        assertThat(PolicyExpression.parse(expression).alwaysTrue()).isFalse();
        assertThat(PolicyExpression.parse(expression).pinsTenant(TENANT)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "((tenant_id = (current_setting('app.tenant_id'::text))::uuid) OR (current_setting('app.bypass_rls'::text, true) = 'on'::text))",
            "((current_setting('app.tenant_id'::text, true) IS NULL) OR (tenant_id = (current_setting('app.tenant_id'::text, true))::uuid))",
            "(tenant_id = tenant_id)",
            "(tenant_id = 7)",
            "(tenant_id = '00000000-0000-0000-0000-000000000001'::uuid)",
            "(tenant_id IS NOT NULL)",
            "(owner_name = CURRENT_USER)",
            "(EXISTS ( SELECT 1 FROM vehicles v WHERE (v.id = reminders.vehicle_id)))",
            "(NOT (tenant_id = (current_setting('app.tenant_id'::text))::uuid))",
            "((tenant_id)::text <> current_setting('app.tenant_id'::text))",
            "(has_role_on_account(tenant_id) OR (current_setting('app.bypass_rls'::text, true) = 'on'::text))",
            "has_role_on_account(owner_id)",
            "(tenant_id = ( SELECT tenant_id))",
            "(EXISTS ( SELECT 1 FROM memberships m WHERE (m.user_id = auth.uid())))"})
    void doesNotPinTheTenant(String expression) {
        assertThat(PolicyExpression.parse(expression).alwaysTrue()).isFalse();
        assertThat(PolicyExpression.parse(expression).pinsTenant(TENANT)).isFalse();
    }
}
