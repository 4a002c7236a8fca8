//! The codes of `ssmc test` files (`E05xx`): a `*.test.toml` that cannot be
//! run as written. Their examples are a runbook, a `---` line, and the test
//! file (`rbk test` blocks, judged by `compiler/core/src/codes/tests.rs`).

crate::define_codes! {
    group: Test;
    /// ## What it does
    ///
    /// A test file (`*.test.toml`) that cannot be read: not valid TOML, an unknown key, a value of the wrong type, a status that is not `Success`, `Failed`, `TimedOut` or `Cancelled`.
    ///
    /// ## Why is this bad?
    ///
    /// A test read only in part would pass while checking less than its author wrote: a misspelt `expect` key would check nothing. `ssmc test` refuses the file (exit 1) and runs none of its cases.
    ///
    /// ## Example
    ///
    /// ```rbk test
    /// automation Hello {
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    /// }
    /// ---
    /// runbook = "example.rbk"
    ///
    /// [[test]]
    /// name = "waits"
    /// expect = { staus = "Success" }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk test
    /// automation Hello {
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    /// }
    /// ---
    /// runbook = "example.rbk"
    ///
    /// [[test]]
    /// name = "waits"
    /// expect = { status = "Success" }
    /// ```
    INVALID_TEST_FILE = "E0501", "invalid-test-file", Error, "a test file that cannot be read: not TOML, an unknown key, a value of the wrong type";
    /// ## What it does
    ///
    /// A mock or an expected path that names a step the document does not have.
    ///
    /// ## Why is this bad?
    ///
    /// A mock of a step that does not exist mocks nothing: the real step runs with its default result and the test checks another run than the one its author meant (often after a step was renamed).
    ///
    /// ## Example
    ///
    /// ```rbk test
    /// automation Hello {
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    /// }
    /// ---
    /// runbook = "example.rbk"
    ///
    /// [[test]]
    /// name = "waits"
    /// mock.Wiat = { status = "Failed" }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk test
    /// automation Hello {
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    /// }
    /// ---
    /// runbook = "example.rbk"
    ///
    /// [[test]]
    /// name = "waits"
    /// mock.Wait = { status = "Failed" }
    /// ```
    UNKNOWN_TEST_STEP = "E0502", "unknown-test-step", Error, "a mock or an expected path names a step the document does not have";
    /// ## What it does
    ///
    /// A mocked API response (`response` of an `aws:executeAwsApi`, `aws:waitForAwsResourceProperty` or `aws:assertAwsResourceProperty` step) that does not fit the operation's output shape in botocore's model: a member the shape does not have, a value of the wrong type, an enum value the model does not list. The message gives the path in the response.
    ///
    /// ## Why is this bad?
    ///
    /// AWS never answers such a response, so a test built on it proves nothing: a selector that reads a misspelt member passes in the test and reads nothing in production.
    ///
    /// ## Example
    ///
    /// ```rbk test
    /// automation Check {
    ///   step Describe = aws:executeAwsApi {
    ///     Service: "ec2",
    ///     Api: "DescribeInstances",
    ///   } outputs {
    ///       State: String = "$.Reservations[0].Instances[0].State.Name",
    ///     }
    /// }
    /// ---
    /// runbook = "example.rbk"
    ///
    /// [[test]]
    /// name = "running"
    /// mock.Describe.response = { Reservations = [{ Instances = [{ State = { Name = "runing" } }] }] }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk test
    /// automation Check {
    ///   step Describe = aws:executeAwsApi {
    ///     Service: "ec2",
    ///     Api: "DescribeInstances",
    ///   } outputs {
    ///       State: String = "$.Reservations[0].Instances[0].State.Name",
    ///     }
    /// }
    /// ---
    /// runbook = "example.rbk"
    ///
    /// [[test]]
    /// name = "running"
    /// mock.Describe.response = { Reservations = [{ Instances = [{ State = { Name = "running" } }] }] }
    /// ```
    MOCK_SHAPE_MISMATCH = "E0503", "mock-shape-mismatch", Error, "a mocked API response that does not fit the operation's output shape";
}
