import Testing
@testable import Resources

@Suite struct LabelSelectorTests {
    let labels = ["app": "web", "tier": "front"]

    @Test(arguments: [
        (LabelSelector.Requirement(key: "app", op: .in, values: ["web", "api"]), true),
        (.init(key: "app", op: .in, values: ["api"]), false),
        (.init(key: "missing", op: .in, values: ["x"]), false),
        (.init(key: "app", op: .notIn, values: ["api"]), true),
        (.init(key: "app", op: .notIn, values: ["web"]), false),
        (.init(key: "missing", op: .notIn, values: ["x"]), true),
        (.init(key: "tier", op: .exists), true),
        (.init(key: "missing", op: .exists), false),
        (.init(key: "missing", op: .doesNotExist), true),
        (.init(key: "tier", op: .doesNotExist), false),
    ])
    func evaluatesEachOperator(requirement: LabelSelector.Requirement, expected: Bool) {
        #expect(LabelSelector(requirements: [requirement]).matches(labels: labels) == expected)
    }

    @Test func readsMatchLabelsAndExpressions() throws {
        let value: Value = [
            "matchLabels": ["app": "web"],
            "matchExpressions": [["key": "tier", "operator": "In", "values": ["front", "back"]]],
        ]
        let selector = try LabelSelector(value)
        #expect(selector.matches(labels: labels))
        #expect(!selector.matches(labels: ["app": "web", "tier": "db"]))
        #expect(selector.description == "app=web,tier in (front,back)")
    }

    @Test func plainMapAndEmptySelector() {
        #expect(LabelSelector(matchLabels: ["app": "web"]).matches(labels: labels))
        #expect(!LabelSelector(matchLabels: ["app": "api"]).matches(labels: labels))
        #expect(LabelSelector(requirements: []).matches(labels: [:]))
    }

    static let invalid: [(Value, String)] = [
        (["matchExpressions": [["key": "a", "operator": "In"]]], "matchExpressions[0].values: must be specified when `operator` is 'In' or 'NotIn'"),
        (["matchExpressions": [["key": "a", "operator": "Exists", "values": ["x"]]]], "matchExpressions[0].values: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        (["matchExpressions": [["key": "a", "operator": "Has"]]], #"matchExpressions[0].operator: supported values: "In", "NotIn", "Exists", "DoesNotExist", found string "Has""#),
        (["matchLabels": ["bad key!": "x"]], #"matchLabels["bad key!"]: invalid value "bad key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc')"#),
        (["matchLabels": ["app": 3]], "matchLabels.app: expected a string, found integer 3"),
    ]

    @Test(arguments: invalid)
    func refusesInvalidSelectors(value: Value, message: String) {
        #expect(throws: ValidationFailure.self) { try LabelSelector(value) }
        do {
            _ = try LabelSelector(value)
        } catch {
            #expect(error.issues.map(\.description).contains(message), "\(error.issues)")
        }
    }
}
