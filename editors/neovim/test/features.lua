-- Headless Neovim test of what the plugin adds on 0.7 and newer: the K
-- hover keymap, hover text on a keyword, the completion function (the
-- server's edit range: `aws:sl` completes from its first letter), go to
-- definition into the stdlib (an `ssmc-stdlib:` buffer the plugin reads
-- from the server), :SsmcGraph and :SsmcPreview.
--
-- Run by test/run.sh with $SSMC, $SSMC_NVIM_DIR and $SSMC_FILE (a copy of
-- examples/golden-ami.rbk). Exits 0 on success, 1 on failure, printing why;
-- every wait has a timeout.
local h = dofile(os.getenv("SSMC_NVIM_DIR") .. "/test/harness.lua")
local log, fail = h.log, h.fail
local find_line, buffer_text = h.find_line, h.buffer_text

h.run(function(env)
  log("neovim " .. tostring(vim.version().major) .. "." .. tostring(vim.version().minor))
  local buf = h.open(env)
  local features = require("ssmc.features")
  if not h.wait_for_client(buf) then
    return fail("no LSP client attached")
  end
  -- Let the first analysis finish.
  vim.wait(1500, function()
    return false
  end, 50)

  -- Keymaps and the completion function are set on attach.
  if vim.fn.maparg("K", "n") == "" then
    return fail("no K (hover) keymap in the ssmc buffer")
  end
  if not vim.bo[buf].omnifunc:find("ssmc", 1, true) then
    return fail("omnifunc is '" .. vim.bo[buf].omnifunc .. "'")
  end
  log("keymaps and omnifunc set")

  -- Hover on a keyword (`timeout`).
  local lnum, col = find_line(buf, "} timeout 30m")
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = lnum - 1, character = col + 3 },
  }
  local res = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 5000) or {}
  local hover = ""
  for _, r in pairs(res) do
    if r.result and r.result.contents then
      hover = r.result.contents.value or ""
    end
  end
  if not hover:find("timeoutSeconds", 1, true) then
    return fail("hover on `timeout`: " .. vim.inspect(res))
  end
  log("hover on a keyword")

  -- Completion: type `aws:sl` as a new step's action; the completion
  -- function starts at `a` (the server's range), and offers aws:sleep.
  local last
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if line:match("^}") then
      last = i - 1
      break
    end
  end
  local typed = "  step Pause = aws:sl"
  vim.api.nvim_buf_set_lines(buf, last, last, false, { typed })
  vim.api.nvim_win_set_cursor(0, { last + 1, #typed })
  vim.wait(300, function()
    return false
  end, 50)
  local start = features.omnifunc(1, "")
  if start ~= #"  step Pause = " then
    return fail("completion starts at column " .. tostring(start) .. ", expected " .. #"  step Pause = ")
  end
  local items = features.omnifunc(0, "aws:sl")
  local words = {}
  for _, item in ipairs(items) do
    table.insert(words, item.word)
  end
  if not vim.tbl_contains(words, "aws:sleep") then
    return fail("completion of aws:sl: " .. vim.inspect(words))
  end
  vim.api.nvim_buf_set_lines(buf, last, last + 1, false, {})
  log("completion from the server's range: " .. table.concat(words, ", "))

  -- Go to definition of an action: the stdlib file, read through the plugin.
  lnum, col = find_line(buf, "aws:runInstances")
  vim.api.nvim_win_set_cursor(0, { lnum, col + 4 })
  vim.lsp.buf.definition()
  if not vim.wait(10000, function()
    return vim.api.nvim_buf_get_name(0):find("ssmc-stdlib:", 1, true) ~= nil
  end, 50) then
    return fail("definition did not open an ssmc-stdlib: buffer: " .. vim.api.nvim_buf_get_name(0))
  end
  local stdlib = vim.api.nvim_get_current_buf()
  if not buffer_text(stdlib):find('action "aws:runInstances"', 1, true) then
    return fail("the stdlib buffer does not hold the action: " .. buffer_text(stdlib):sub(1, 200))
  end
  local row = vim.api.nvim_win_get_cursor(0)[1]
  local here = vim.api.nvim_buf_get_lines(stdlib, row - 1, row + 2, false)
  if not table.concat(here, "\n"):find("aws:runInstances", 1, true) then
    return fail("the cursor is not at the declaration: " .. vim.inspect(here))
  end
  log("definition into " .. vim.api.nvim_buf_get_name(stdlib))
  vim.cmd("buffer " .. buf)

  -- :SsmcGraph and :SsmcPreview on the saved file.
  vim.cmd("silent write")
  vim.cmd("SsmcGraph")
  if not buffer_text(0):find("flowchart", 1, true) then
    return fail(":SsmcGraph: " .. buffer_text(0):sub(1, 200))
  end
  vim.cmd("close")
  vim.cmd("SsmcPreview json")
  if not buffer_text(0):find('"schemaVersion": "0.3"', 1, true) then
    return fail(":SsmcPreview json: " .. buffer_text(0):sub(1, 200))
  end
  if vim.bo.filetype ~= "json" then
    return fail(":SsmcPreview filetype " .. vim.bo.filetype)
  end
  log(":SsmcGraph and :SsmcPreview")

  -- The server's code lenses run the plugin's commands.
  vim.cmd("buffer " .. buf)
  local lenses = vim.lsp.buf_request_sync(buf, "textDocument/codeLens", { textDocument = { uri = vim.uri_from_bufnr(buf) } }, 5000) or {}
  local graph_lens
  for _, r in pairs(lenses) do
    for _, l in ipairs(r.result or {}) do
      if l.command and l.command.command == "ssmc.showFlowGraph" then
        graph_lens = l.command
      end
    end
  end
  if graph_lens == nil or vim.lsp.commands[graph_lens.command] == nil then
    return fail("no runnable flow-graph code lens: " .. vim.inspect(lenses))
  end
  vim.lsp.commands[graph_lens.command](graph_lens, {})
  if not buffer_text(0):find("flowchart", 1, true) then
    return fail("the flow-graph lens: " .. buffer_text(0):sub(1, 200))
  end
  vim.cmd("close")
  log("code lens runs :SsmcGraph")

end)
