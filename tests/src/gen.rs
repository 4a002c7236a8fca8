//! A generator of large, realistic runbooks for benchmarks and scaling runs.
//!
//! Input: a seed and a size (steps per file, number of files). Output: `.rbk`
//! source text, a mix of Automation and Command documents shaped like the
//! examples: parameters with constraints, `aws:executeAwsApi` steps with
//! outputs, scripts, Run Command calls, `if`/`else` chains, `match`,
//! `guard`, `aws:loop` bodies, and `{{ … }}` interpolation of parameters and
//! earlier outputs.
//! Invariants: the same seed and size give byte-identical text on every
//! machine (a local splitmix64, no platform randomness); every generated file
//! compiles with zero diagnostics (a test asserts it); step names are unique
//! per document and every reference points at an earlier top-level step, so
//! the flow graph stays valid whatever mix the seed picks.

use std::fmt::Write as _;

/// splitmix64: tiny, fast and the same everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// One generated source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenFile {
    /// A file name such as `gen-00042.rbk`.
    pub name: String,
    pub text: String,
}

/// AWS API calls that exist with these parameters (the checker knows botocore's models).
const CALLS: &[(&str, &str, &str)] = &[
    ("ec2", "DescribeInstances", "InstanceIds: InstanceIds"),
    (
        "ec2",
        "DescribeInstanceStatus",
        "InstanceIds: InstanceIds, IncludeAllInstances: true",
    ),
    ("ec2", "DescribeSnapshots", "OwnerIds: [\"self\"]"),
    (
        "cloudwatch",
        "DescribeAlarms",
        "AlarmNames: [\"{{ Application }}-{{ Environment }}-health\"]",
    ),
    (
        "ssm",
        "GetParameter",
        "Name: \"/app/{{ Application }}/version\"",
    ),
    (
        "autoscaling",
        "DescribeAutoScalingGroups",
        "AutoScalingGroupNames: [\"{{ Application }}-{{ Environment }}\"]",
    ),
    (
        "rds",
        "DescribeDBInstances",
        "DBInstanceIdentifier: \"{{ Application }}-db\"",
    ),
];
const WORDS: &[&str] = &[
    "app", "web", "api", "db", "cache", "queue", "batch", "edge", "auth", "search",
];
const UNITS: &[&str] = &[
    "nginx",
    "app",
    "worker",
    "sshd",
    "chronyd",
    "amazon-ssm-agent",
];

/// `files` runbooks of about `steps` steps each; about one in four is a Command document.
pub fn corpus(seed: u64, files: usize, steps: usize) -> Vec<GenFile> {
    (0..files)
        .map(|i| {
            let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0xA24B_AED4_963E_E407));
            let name = format!("Gen{i:05}");
            let text = if rng.below(4) == 0 {
                command(&mut rng, &name, steps)
            } else {
                automation(&mut rng, &name, steps)
            };
            GenFile {
                name: format!("gen-{i:05}.rbk"),
                text,
            }
        })
        .collect()
}

/// One Automation runbook of about `steps` steps named `name`.
pub fn automation(rng: &mut Rng, name: &str, steps: usize) -> String {
    let mut g = Auto {
        rng,
        out: String::with_capacity(steps * 400),
        next: 0,
        outputs: Vec::new(),
        commands: Vec::new(),
    };
    g.doc(name, steps);
    g.out
}

/// One Command document (schema 2.2) of about `steps` steps named `name`.
pub fn command(rng: &mut Rng, name: &str, steps: usize) -> String {
    let mut out = String::with_capacity(steps * 300);
    let _ = writeln!(
        out,
        "/// Generated Command document {name}: {steps} steps of shell and PowerShell maintenance.\ncommand {name} {{"
    );
    let _ = writeln!(
        out,
        "  tags {{ Team: \"{}\", Function: \"generated\" }}",
        rng.pick(WORDS)
    );
    out.push_str(
        "  /// (Required) The service to work on.\n  param ServiceName: String { allowedPattern: \"^[A-Za-z0-9_.@-]{1,128}$\" }\n",
    );
    out.push_str(
        "  /// (Optional) Seconds to wait for the service.\n  param WaitSeconds: String = \"60\" { allowedPattern: \"^[1-9][0-9]{0,2}$\" }\n",
    );
    out.push_str(
        "  /// (Optional) The log directory.\n  param LogDirectory: String = \"/var/log/app\"\n",
    );
    for i in 0..steps.max(1) {
        let step = format!("Step{i:05}");
        out.push('\n');
        match rng.below(3) {
            0 => {
                let _ = writeln!(
                    out,
                    "  /// Restart a unit and wait for it ({step}).\n  step {step} = aws:runShellScript when platform linux {{\n    timeoutSeconds: {},\n    runCommand: lines \"\"\"\n      set -eu\n      unit='{{{{ ServiceName }}}}'\n      echo \"step {step} on $(hostname)\"\n      systemctl restart \"$unit\" || systemctl restart {}\n      for _ in $(seq 1 {{{{ WaitSeconds }}}}); do\n        systemctl is-active --quiet \"$unit\" && exit 0\n        sleep 1\n      done\n      exit 1\n      \"\"\",\n  }}",
                    60 * (1 + rng.below(10)),
                    rng.pick(UNITS)
                );
            }
            1 => {
                let _ = writeln!(
                    out,
                    "  /// Collect recent logs ({step}).\n  step {step} = aws:runShellScript when platform linux {{\n    runCommand: [\n      \"find {{{{ LogDirectory }}}} -type f -mmin -{} | head -n 50\",\n      \"journalctl -u {{{{ ServiceName }}}} -n {} --no-pager || true\",\n    ],\n  }}",
                    5 + rng.below(120),
                    10 + rng.below(200)
                );
            }
            _ => {
                let _ = writeln!(
                    out,
                    "  /// Restart the Windows service ({step}).\n  step {step} = aws:runPowerShellScript when platform windows {{\n    timeoutSeconds: {},\n    runCommand: lines \"\"\"\n      $ErrorActionPreference = 'Stop'\n      Restart-Service -Name '{{{{ ServiceName }}}}'\n      Write-Output \"{step} restarted {}\"\n      \"\"\",\n  }}",
                    60 * (1 + rng.below(10)),
                    rng.pick(WORDS)
                );
            }
        }
    }
    out.push_str("}\n");
    out
}

struct Auto<'r> {
    rng: &'r mut Rng,
    out: String,
    /// Counter for unique step names.
    next: usize,
    /// `Step.Output` references of earlier top-level steps (always run before later ones).
    outputs: Vec<String>,
    /// Earlier top-level Run Command steps (their `CommandId` output).
    commands: Vec<String>,
}

impl Auto<'_> {
    fn name(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{:05}", self.next)
    }

    /// A string that interpolates a parameter and, when there is one, an earlier output.
    fn message(&mut self) -> String {
        let mut m = format!(
            "{} {{{{ Application }}}} in {{{{ Environment }}}}",
            self.rng
                .pick(&["Checked", "Patched", "Restarted", "Inspected"])
        );
        if !self.outputs.is_empty() {
            let i = self.rng.below(self.outputs.len());
            if let Some(o) = self.outputs.get(i) {
                let _ = write!(m, ": state {{{{ {o} }}}}");
            }
        }
        m.push_str(" (execution {{ automation:EXECUTION_ID }})");
        m
    }

    fn doc(&mut self, name: &str, steps: usize) {
        let _ = writeln!(
            self.out,
            "/// Generated Automation runbook {name}: {steps} steps over a fleet of `{}` nodes.",
            self.rng.pick(WORDS)
        );
        let _ = writeln!(self.out, "automation {name} {{");
        self.out.push_str("  assume_role AutomationAssumeRole\n");
        let _ = writeln!(
            self.out,
            "  tags {{ Team: \"{}\", Function: \"generated\" }}\n",
            self.rng.pick(WORDS)
        );
        self.out.push_str(concat!(
            "  /// (Required) The IAM role that Automation assumes.\n",
            "  param AutomationAssumeRole: AWS::IAM::Role::Arn\n",
            "  /// (Required) The environment; nodes are selected by their `Environment` tag.\n",
            "  param Environment: String = \"staging\" { allowedValues: [\"dev\", \"staging\", \"prod\"] }\n",
            "  /// (Required) The application.\n",
            "  param Application: String { allowedPattern: \"^[a-z0-9-]{1,32}$\" }\n",
            "  /// (Required) The instances to work on.\n",
            "  param InstanceIds: StringList { minItems: 1, maxItems: 50 }\n",
            "  /// (Optional) The SNS topic for notifications.\n",
            "  param TopicArn: String = ssm(\"/platform/ops/topic-arn\")\n",
            "  /// (Optional) Whether changes are allowed.\n",
            "  param AllowChanges: Boolean = true\n",
        ));
        let mut made = 0;
        while made < steps.max(1) {
            made += self.top_level();
        }
        self.out
            .push_str("\n  step Finish = aws:sleep { Duration: \"PT1S\" }\n");
        if let Some(o) = self.outputs.first().cloned() {
            let _ = writeln!(self.out, "\n  outputs [{o}]");
        }
        self.out.push_str("}\n");
    }

    /// Writes one top-level construct; returns how many steps it holds.
    fn top_level(&mut self) -> usize {
        self.out.push('\n');
        match self.rng.below(20) {
            0..=5 => self.api("  ", true),
            6..=7 => self.sleep("  "),
            8..=9 => self.script(),
            10..=11 => self.run_command(),
            12..=14 => self.if_else(),
            15 => self.matcher(),
            16 => self.guard(),
            17..=18 => self.each_instance(),
            _ => self.notify("  "),
        }
    }

    fn api(&mut self, ind: &str, record: bool) -> usize {
        let step = self.name("Describe");
        let (service, api, args) = CALLS.get(self.rng.below(CALLS.len())).copied().unwrap_or((
            "ec2",
            "DescribeInstances",
            "InstanceIds: InstanceIds",
        ));
        let _ = writeln!(
            self.out,
            "{ind}/// Read the current state from {service}.\n{ind}step {step} = aws:executeAwsApi {{\n{ind}  Service: \"{service}\",\n{ind}  Api: \"{api}\",\n{ind}  {args},\n{ind}}} timeout {}m, attempts {}\n{ind}  outputs {{\n{ind}    State: String = \"$.ResponseMetadata.RequestId\",\n{ind}    Count: Integer = \"$.ResponseMetadata.HTTPStatusCode\",\n{ind}  }}",
            1 + self.rng.below(10),
            1 + self.rng.below(3)
        );
        if record {
            self.outputs.push(format!("{step}.State"));
        }
        1
    }

    fn sleep(&mut self, ind: &str) -> usize {
        let step = self.name("Wait");
        let _ = writeln!(
            self.out,
            "{ind}step {step} = aws:sleep {{ Duration: \"PT{}M\" }}",
            1 + self.rng.below(30)
        );
        1
    }

    fn notify(&mut self, ind: &str) -> usize {
        let step = self.name("Notify");
        let msg = self.message();
        let _ = writeln!(
            self.out,
            "{ind}/// Tell the team.\n{ind}step {step} = aws:executeAwsApi {{\n{ind}  Service: \"sns\",\n{ind}  Api: \"Publish\",\n{ind}  TopicArn: TopicArn,\n{ind}  Subject: \"{} {{{{ Application }}}}\",\n{ind}  Message: \"{msg}\",\n{ind}}} attempts 3",
            self.rng.pick(WORDS)
        );
        1
    }

    fn script(&mut self) -> usize {
        let step = self.name("Decide");
        let payload = match self.outputs.last() {
            Some(o) => format!("      Previous: {o},\n"),
            None => String::new(),
        };
        let threshold = 1 + self.rng.below(90);
        let _ = writeln!(
            self.out,
            "  /// Decide what to do next from the inputs.\n  step {step} = aws:executeScript {{\n    Runtime: \"python3.11\",\n    Handler: \"decide\",\n    InputPayload: {{\n      Environment: Environment,\n      Application: Application,\n{payload}    }},\n    Script: \"\"\"\n      def decide(events, context):\n          env = events[\"Environment\"]\n          score = sum(ord(c) for c in events[\"Application\"]) % 100\n          if env == \"prod\" and score > {threshold}:\n              return {{\"decision\": \"wait\", \"score\": score}}\n          return {{\"decision\": \"go\", \"score\": score}}\n      \"\"\",\n  }} timeout 2m\n    outputs {{\n      Decision: String = \"$.Payload.decision\",\n      Score: Integer = \"$.Payload.score\",\n    }}"
        );
        self.outputs.push(format!("{step}.Decision"));
        1
    }

    fn run_command(&mut self) -> usize {
        let step = self.name("Run");
        let unit = self.rng.pick(UNITS);
        let _ = writeln!(
            self.out,
            "  /// Run a command on the selected nodes.\n  step {step} = aws:runCommand {{\n    DocumentName: \"AWS-RunShellScript\",\n    Targets: [\n      {{ Key: \"tag:Environment\", Values: [Environment] }},\n      {{ Key: \"tag:Application\", Values: [Application] }},\n    ],\n    MaxConcurrency: \"{}%\",\n    MaxErrors: \"{}\",\n    Parameters: {{ commands: [\"systemctl restart {unit}\", \"systemctl is-active {unit}\"] }},\n    CloudWatchOutputConfig: {{ CloudWatchOutputEnabled: \"true\", CloudWatchLogGroupName: \"/generated/{{{{ Application }}}}\" }},\n  }} timeout {}m",
            5 + self.rng.below(50),
            self.rng.below(5),
            5 + self.rng.below(60)
        );
        self.commands.push(step);
        1
    }

    /// A condition on a parameter or on an earlier output.
    fn condition(&mut self) -> String {
        match (self.rng.below(3), self.outputs.last()) {
            (0, Some(o)) => format!("{o} == \"{}\"", self.rng.pick(&["running", "go", "OK"])),
            (1, _) => "AllowChanges == true".to_string(),
            _ => format!(
                "Environment == \"{}\"",
                self.rng.pick(&["dev", "staging", "prod"])
            ),
        }
    }

    fn if_else(&mut self) -> usize {
        let step = self.name("Choose");
        let cond = self.condition();
        let _ = writeln!(
            self.out,
            "  /// Only some runs need this.\n  step {step} = if {cond} {{"
        );
        let mut n = 1 + self.body("    ");
        if self.rng.chance(60) {
            let cond = self.condition();
            let _ = writeln!(self.out, "  }} else if {cond} {{");
            n += self.body("    ");
        }
        if self.rng.chance(60) {
            self.out.push_str("  } else {\n");
            n += self.body("    ");
        }
        self.out.push_str("  }\n");
        n
    }

    /// One to three simple steps inside a block (not recorded for later references:
    /// a step inside a branch may not have run).
    fn body(&mut self, ind: &str) -> usize {
        let k = 1 + self.rng.below(3);
        for _ in 0..k {
            match self.rng.below(3) {
                0 => self.api(ind, false),
                1 => self.sleep(ind),
                _ => self.notify(ind),
            };
        }
        k
    }

    fn matcher(&mut self) -> usize {
        let route = self.name("Route");
        let prod = self.name("OnProd");
        let other = self.name("OnOther");
        let join = self.name("Joined");
        let _ = writeln!(
            self.out,
            "  /// Route on the environment.\n  step {route} = match Environment {{\n    \"prod\" -> {prod},\n    else -> {other},\n  }}\n  step {prod} = aws:sleep {{ Duration: \"PT{}M\" }} goto {join}\n  step {other} = aws:sleep {{ Duration: \"PT1M\" }}\n  step {join} = aws:sleep {{ Duration: \"PT1S\" }}",
            1 + self.rng.below(9)
        );
        4
    }

    fn guard(&mut self) -> usize {
        let step = self.name("Guard");
        let _ = writeln!(
            self.out,
            "  /// Stop early unless the application name is usable.\n  step {step} = guard Application != \"{}\" else end",
            self.rng.pick(WORDS)
        );
        1
    }

    fn each_instance(&mut self) -> usize {
        let step = self.name("Each");
        let _ = writeln!(
            self.out,
            "  /// Work on each instance in turn.\n  step {step} = aws:loop {{\n    Iterators: InstanceIds,\n    IteratorDataType: \"String\",\n    MaxIterations: {},\n  }} do {{",
            10 + self.rng.below(40)
        );
        let inner = self.name("Inspect");
        let _ = writeln!(
            self.out,
            "    step {inner} = aws:executeAwsApi {{\n      Service: \"ec2\",\n      Api: \"DescribeInstances\",\n      InstanceIds: [{step}.CurrentIteratorValue],\n    }}\n      outputs {{ State: String = \"$.Reservations[0].Instances[0].State.Name\" }}"
        );
        let pause = self.name("Pause");
        let _ = writeln!(
            self.out,
            "    step {pause} = aws:sleep {{ Duration: \"PT{}S\" }}",
            1 + self.rng.below(59)
        );
        self.out.push_str("  }\n");
        3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_text() {
        assert_eq!(corpus(7, 3, 40), corpus(7, 3, 40));
        assert_ne!(corpus(7, 3, 40), corpus(8, 3, 40));
    }
}
