-- Headless Neovim test: `ssmc lsp` diagnostics arrive for a broken edit and
-- clear when it is fixed.
--
-- Run by test/run.sh: nvim --headless --clean -u NONE -l is not in 0.7, so
-- it is `nvim --headless --clean -u NONE -c "luafile test/diagnostics.lua"`
-- with $SSMC (the binary), $SSMC_NVIM_DIR (editors/neovim) and $SSMC_FILE (a
-- copy of an example). Exits 0 on success, 1 on failure, printing why;
-- every wait has a timeout, so it cannot hang.
local h = dofile(os.getenv("SSMC_NVIM_DIR") .. "/test/harness.lua")
local log, fail = h.log, h.fail

h.run(function(env)
  log("neovim " .. tostring(vim.version().major) .. "." .. tostring(vim.version().minor) .. "." .. tostring(vim.version().patch))

  -- What a user's config does: the plugin folder on the runtimepath.
  local buf = h.open(env, { syntax = true })
  if vim.bo[buf].filetype ~= "ssmc" then
    return fail("filetype is '" .. vim.bo[buf].filetype .. "', expected ssmc")
  end
  if vim.b[buf].current_syntax ~= "ssmc" then
    return fail("the ssmc syntax file did not load")
  end

  -- A few highlight groups from syntax/ssmc.vim, at known places of the example.
  local function group_at(pattern, offset)
    for lnum, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
      local col = line:find(pattern, 1, true)
      if col ~= nil then
        local id = vim.fn.synID(lnum, col + (offset or 0), 1)
        return vim.fn.synIDattr(id, "name")
      end
    end
    return "(pattern not found: " .. pattern .. ")"
  end
  local expected = {
    { "/// Builds the platform", 0, "ssmcDocComment" },
    { "automation GoldenAmi", 0, "ssmcDocKeyword" },
    { "GoldenAmi {", 0, "ssmcDocumentName" },
    { "step LaunchInstance", 0, "ssmcStepKeyword" },
    { "LaunchInstance = aws", 0, "ssmcStepName" },
    { "aws:runInstances", 0, "ssmcAction" },
    { '"t3.medium"', 1, "ssmcString" },
    { "{{ ImageFamily }}", 3, "ssmcInterpolation" },
    { "AWS::IAM::Role::Arn", 0, "ssmcType" },
    { "timeout 30m", 8, "ssmcDuration" },
    { "goto TerminateAfterFailure", 5, "ssmcTarget" },
    { "on_failure abort", 11, "ssmcFlow" },
    -- The runCommand script of AWS-RunShellScript is embedded shell.
    { '"AWS-RunShellScript"', 1, "ssmcString" },
    { "dnf install", 0, "ssmcShScript" },
    { "set -eu", 0, "shSet" },
  }
  for _, e in ipairs(expected) do
    local got = group_at(e[1], e[2])
    if got ~= e[3] then
      return fail(string.format("syntax at %q: %s, expected %s", e[1], got, e[3]))
    end
  end
  log("syntax groups as expected")

  local function errors()
    return vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR })
  end
  if not h.wait_for_client(buf) then
    return fail("no LSP client attached to the buffer")
  end
  log("client attached")

  -- The example is valid: wait until the server has answered once (the
  -- first publishDiagnostics may be empty, so give it a moment) and check no errors.
  vim.wait(2000, function()
    return false
  end, 50)
  if #errors() ~= 0 then
    return fail("the unedited example has errors: " .. vim.inspect(errors()))
  end
  log("no errors before the edit")

  -- A broken edit: a step that reads an unknown parameter.
  local last = vim.api.nvim_buf_line_count(buf)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local at
  for i = #lines, 1, -1 do
    if lines[i]:match("^}") then
      at = i - 1
      break
    end
  end
  if at == nil then
    return fail("no closing brace of a document found in the example")
  end
  vim.api.nvim_buf_set_lines(buf, at, at, false, { '  step BrokenByTest = aws:sleep { Duration: NoSuchParameter }' })
  if not vim.wait(15000, function()
    return #errors() > 0
  end, 50) then
    return fail("no error diagnostics after the broken edit")
  end
  local first = errors()[1]
  log(string.format("error after the edit: line %d: %s", first.lnum + 1, first.message))
  if first.lnum ~= at then
    return fail(string.format("the error is on line %d, expected %d", first.lnum + 1, at + 1))
  end
  if not first.message:find("NoSuchParameter", 1, true) then
    return fail("the error does not name NoSuchParameter: " .. first.message)
  end

  -- The fix: remove the line again.
  vim.api.nvim_buf_set_lines(buf, at, at + 1, false, {})
  if vim.api.nvim_buf_line_count(buf) ~= last then
    return fail("the fix did not restore the line count")
  end
  if not vim.wait(15000, function()
    return #errors() == 0
  end, 50) then
    return fail("errors did not clear after the fix: " .. vim.inspect(errors()))
  end
  log("errors cleared after the fix")

end)
