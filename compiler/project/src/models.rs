//! The project's own AWS API models (`[aws-api] models` of `ssmc.toml`),
//! read inside the root only; the core converts them.

use crate::read::{read_capped, resolve};
use crate::Project;
use ssmc_core::awsapi::{project, Overlay};

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
        let path = resolve(root, root, rel).map_err(|e| {
            if e.starts_with("an absolute path") {
                "an absolute path; write it relative to the folder of ssmc.toml".to_string()
            } else {
                e
            }
        })?;
        read_capped(&path, MAX_MODEL_BYTES)
    };
    project::load(paths, &mut read, &shown)
}
