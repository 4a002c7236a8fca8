//! The project's own AWS API models (`[aws-api] models` of `ssmc.toml`),
//! read inside the root only; the core converts them.

use ssmc_core::awsapi::{project, Overlay};
use ssmc_core::project::root::{inside, join_relative};

use crate::read::read_capped;
use crate::Project;

/// botocore's largest model (ec2) is about 3 MB of JSON.
pub const MAX_MODEL_BYTES: u64 = 32 * 1024 * 1024;

/// The models `project` lists; an error names the file and its fault.
pub fn aws_models(project: &Project) -> Result<Overlay, String> {
    let paths = &project.config.aws_models;
    if paths.is_empty() {
        return Ok(Overlay::default());
    }
    let root = &project.root;
    let shown = |rel: &str| root.join(rel).display().to_string();
    let mut read = |rel: &str| -> Result<String, String> {
        let joined = join_relative(root, rel)
            .map_err(|_| "an absolute path; write it relative to the folder of ssmc.toml")?;
        let canonical = std::fs::canonicalize(joined).map_err(|e| e.to_string())?;
        inside(root, &canonical)?;
        read_capped(&canonical, MAX_MODEL_BYTES)
    };
    project::load(paths, &mut read, &shown)
}
