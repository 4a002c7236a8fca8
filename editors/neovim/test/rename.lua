-- Headless Neovim test of renaming a variable (issue 22, defect 2): on a copy
-- of examples/asg-instance-refresh.rbk, `vim.lsp.buf.rename` of
-- `RefreshStatus` renames its declaration, the `Name: "variable:RefreshStatus"`
-- of its `aws:updateVariable` step and its `{{ variable:RefreshStatus }}`
-- uses, and the file then checks without errors.
--
-- Run by test/run.sh with $SSMC, $SSMC_NVIM_DIR and $SSMC_FILE. Exits 0 on
-- success, 1 on failure, printing why; every wait has a timeout.
local h = dofile(os.getenv("SSMC_NVIM_DIR") .. "/test/harness.lua")
local log, fail = h.log, h.fail

h.run(function(env)
  local ssmc, file = env.ssmc, env.file
  local buf = h.open(env)
  if not h.wait_for_client(buf) then
    return fail("no LSP client attached")
  end

  local text = function()
    return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
  end
  local uses = select(2, text():gsub("RefreshStatus", ""))
  if uses < 3 then
    return fail("the example no longer uses RefreshStatus three times: " .. uses)
  end
  -- The cursor on the variable's name inside `Name: "variable:RefreshStatus"`.
  for lnum, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local col = line:find('"variable:RefreshStatus"', 1, true)
    if col ~= nil then
      vim.api.nvim_win_set_cursor(0, { lnum, col + #'"variable:' })
      break
    end
  end
  vim.lsp.buf.rename("Phase")
  if not vim.wait(10000, function()
    return not text():find("RefreshStatus", 1, true)
  end, 50) then
    return fail("RefreshStatus is left after the rename:\n" .. text())
  end
  local renamed = select(2, text():gsub("Phase", ""))
  if renamed ~= uses or not text():find('Name: "variable:Phase"', 1, true) or not text():find("var Phase:", 1, true) then
    return fail(uses .. " uses, " .. renamed .. " renamed:\n" .. text())
  end
  vim.cmd("silent write")
  local out = vim.fn.system({ ssmc, "check", file })
  if vim.v.shell_error ~= 0 then
    return fail("ssmc check after the rename: " .. out)
  end
  log("renamed " .. uses .. " uses of a variable, variable:X included; ssmc check passes")

end)
