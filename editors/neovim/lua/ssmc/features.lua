-- What the plugin adds on top of Neovim's LSP client, for 0.7 and newer:
-- a completion function that honours the server's edit ranges, default
-- buffer keymaps, a reader for `ssmc-stdlib:` URIs (go to definition into
-- the stdlib), and the :SsmcGraph and :SsmcPreview commands.
--
-- Input: the options of require("ssmc").setup(). Output: functions the
-- plugin's on_attach and autocommands call. Every server request has a
-- timeout; a failure is a message, never an error in the user's editor.
local M = {}

local TIMEOUT_MS = 3000

--- The running ssmc clients (any version's API).
function M.clients(bufnr)
  if vim.lsp.get_clients ~= nil then
    return vim.lsp.get_clients({ name = "ssmc", bufnr = bufnr })
  end
  local out = {}
  local all = bufnr and vim.lsp.buf_get_clients(bufnr) or vim.lsp.get_active_clients()
  for _, c in pairs(all) do
    if c.name == "ssmc" then
      table.insert(out, c)
    end
  end
  return out
end

-- `ssmc-stdlib:///actions/…` (or VS Code's `ssmc-stdlib:/actions/…`): the
-- embedded stdlib file, read from the server with `ssmc/stdlibSource`.
function M.read_stdlib(bufnr, uri)
  local client = M.clients()[1]
  local lines = { "// ssmc: no running ssmc language server to read " .. uri .. " from" }
  if client ~= nil then
    local res = client.request_sync("ssmc/stdlibSource", { uri = uri }, TIMEOUT_MS, bufnr)
    if res and res.result and res.result.text then
      lines = vim.split(res.result.text, "\n", { plain = true })
      if lines[#lines] == "" then
        table.remove(lines)
      end
    else
      local why = res and res.err and res.err.message or "no answer"
      lines = { "// ssmc: could not read " .. uri .. ": " .. tostring(why) }
    end
  end
  vim.bo[bufnr].modifiable = true
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, lines)
  vim.bo[bufnr].buftype = "nofile"
  vim.bo[bufnr].swapfile = false
  vim.bo[bufnr].modified = false
  vim.bo[bufnr].modifiable = false
  vim.bo[bufnr].readonly = true
  vim.bo[bufnr].filetype = "ssmc"
  -- The stdlib buffer is served by the same server, so hover and go to
  -- definition work inside it.
  if client ~= nil then
    vim.lsp.buf_attach_client(bufnr, client.id)
  end
end

-- A snippet's text without its tab stops: `Name: "$1"` -> `Name: ""`.
local function plain_snippet(text)
  text = text:gsub("%${%d+:([^}]*)}", "%1")
  text = text:gsub("%${%d+|([^,|]*)[^}]*}", "%1")
  text = text:gsub("%$%d+", "")
  return text
end

-- The byte column of a UTF-16 column (the protocol's) in `line`; the
-- signature of vim.str_byteindex changed in 0.11.
local function byte_of_utf16(line, character)
  if vim.fn.has("nvim-0.11") == 1 then
    return vim.str_byteindex(line, "utf-16", character, false)
  end
  return vim.str_byteindex(line, character, true)
end

local pending = nil

--- 'omnifunc' for ssmc buffers: asks the server synchronously; the start
--- column is the server's edit range when it gives one (`aws:r` completes to
--- `aws:runCommand`, `{{ Stop.St` to `Stop.State`), else the keyword before
--- the cursor. Items are filtered by what is typed and ordered by sortText.
function M.omnifunc(findstart, base)
  local bufnr = vim.api.nvim_get_current_buf()
  if findstart == 1 then
    local row, col = unpack(vim.api.nvim_win_get_cursor(0))
    local line = vim.api.nvim_get_current_line()
    local before = line:sub(1, col)
    local client = M.clients(bufnr)[1]
    local params = vim.lsp.util.make_position_params(0, client and client.offset_encoding or "utf-16")
    local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/completion", params, TIMEOUT_MS) or {}
    local items = {}
    for _, r in pairs(responses) do
      local result = r.result or {}
      for _, item in ipairs(result.items or result) do
        table.insert(items, item)
      end
    end
    local start = vim.fn.match(before, "\\k*$")
    for _, item in ipairs(items) do
      local edit = item.textEdit
      local range = edit and (edit.range or edit.insert)
      if range and range.start.line == row - 1 then
        start = byte_of_utf16(line, range.start.character)
        break
      end
    end
    pending = items
    return start
  end
  local out = {}
  local kinds = vim.lsp.protocol.CompletionItemKind
  for _, item in ipairs(pending or {}) do
    local word = (item.textEdit and item.textEdit.newText) or item.insertText or item.label
    if item.insertTextFormat == 2 then
      word = plain_snippet(word)
    end
    local filter = item.filterText or item.label
    if base == "" or vim.startswith(word, base) or vim.startswith(filter, base) then
      local doc = item.documentation
      if type(doc) == "table" then
        doc = doc.value
      end
      table.insert(out, {
        word = word,
        abbr = item.label,
        kind = kinds[item.kind] or "",
        menu = item.detail or "",
        info = doc or "",
        icase = 1,
        dup = 1,
        sort = item.sortText or item.label,
      })
    end
  end
  table.sort(out, function(a, b)
    return a.sort < b.sort
  end)
  pending = nil
  return out
end

--- Buffer-local keymaps for the LSP features Neovim 0.7 does not map itself.
function M.keymaps(bufnr)
  local function map(lhs, rhs, desc)
    vim.keymap.set("n", lhs, rhs, { buffer = bufnr, silent = true, desc = desc })
  end
  map("K", vim.lsp.buf.hover, "ssmc: hover")
  map("gd", vim.lsp.buf.definition, "ssmc: go to definition")
  map("gr", vim.lsp.buf.references, "ssmc: references")
  map("<leader>rn", vim.lsp.buf.rename, "ssmc: rename")
  map("<leader>ca", vim.lsp.buf.code_action, "ssmc: code action")
  map("<leader>f", function()
    if vim.lsp.buf.format ~= nil then
      vim.lsp.buf.format({ name = "ssmc" })
    else
      vim.lsp.buf.formatting()
    end
  end, "ssmc: format")
end

-- A read-only scratch buffer in a new split holding `lines`.
local function scratch(name, lines, filetype)
  vim.cmd("new")
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].buftype = "nofile"
  vim.bo[buf].bufhidden = "wipe"
  vim.bo[buf].swapfile = false
  pcall(vim.api.nvim_buf_set_name, buf, name)
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].filetype = filetype
  vim.bo[buf].modifiable = false
  return buf
end

-- The saved file of the current buffer, or nil after saying why.
local function saved_file()
  local file = vim.api.nvim_buf_get_name(0)
  if file == "" or vim.fn.filereadable(file) == 0 then
    vim.notify("ssmc: save the buffer first", vim.log.levels.WARN)
    return nil
  end
  if vim.bo.modified then
    vim.notify("ssmc: showing the saved file; :write to include your changes", vim.log.levels.WARN)
  end
  return file
end

local function run(ssmc, args)
  local out = vim.fn.systemlist(vim.list_extend({ ssmc }, args))
  return vim.v.shell_error, out
end

--- :SsmcGraph [mermaid|dot|svg]: the flow graph of the saved file; Mermaid
--- and DOT in a scratch split, SVG written to a temporary file and opened
--- with the system viewer where Neovim can (0.10+), else its path is shown.
function M.graph(ssmc, format)
  format = (format == nil or format == "") and "mermaid" or format
  local file = saved_file()
  if file == nil then
    return nil
  end
  if format == "svg" then
    local out = vim.fn.tempname() .. ".svg"
    local code, msg = run(ssmc, { "graph", file, "--format", "svg", "-o", out })
    if code ~= 0 then
      vim.notify("ssmc graph: " .. table.concat(msg, "\n"), vim.log.levels.ERROR)
      return nil
    end
    if vim.ui.open ~= nil and #vim.api.nvim_list_uis() > 0 then
      vim.ui.open(out)
    end
    vim.notify("ssmc graph: " .. out)
    return out
  end
  local code, lines = run(ssmc, { "graph", file, "--format", format })
  if code ~= 0 then
    vim.notify("ssmc graph: " .. table.concat(lines, "\n"), vim.log.levels.ERROR)
    return nil
  end
  return scratch("ssmc-graph://" .. file, lines, format)
end

--- :SsmcPreview [yaml|json]: the SSM documents `ssmc build` writes for the
--- saved file, in a scratch split (errors: the diagnostics, as `ssmc build` prints them).
function M.preview(ssmc, format)
  format = (format == nil or format == "") and "yaml" or format
  local file = saved_file()
  if file == nil then
    return nil
  end
  local dir = vim.fn.tempname()
  local code, msg = run(ssmc, { "build", file, "-o", dir, "--format", format })
  if code ~= 0 then
    vim.notify("ssmc build:\n" .. table.concat(msg, "\n"), vim.log.levels.ERROR)
    return nil
  end
  local lines = {}
  local files = vim.fn.globpath(dir, "**/*." .. format, false, true)
  table.sort(files)
  for i, f in ipairs(files) do
    if #files > 1 then
      local mark = format == "yaml" and "# " or "// "
      table.insert(lines, mark .. vim.fn.fnamemodify(f, ":t"))
    end
    vim.list_extend(lines, vim.fn.readfile(f))
    if i < #files then
      table.insert(lines, "")
    end
  end
  vim.fn.delete(dir, "rf")
  return scratch("ssmc-preview://" .. file .. "." .. format, lines, format)
end

--- The code lens "Build": `ssmc build` on the saved file, into `build/`
--- next to it (as `ssmc build` does by default), the result as a message.
function M.build(ssmc)
  local file = saved_file()
  if file == nil then
    return
  end
  local out = vim.fn.fnamemodify(file, ":h") .. "/build"
  local code, msg = run(ssmc, { "build", file, "-o", out })
  local level = code == 0 and vim.log.levels.INFO or vim.log.levels.ERROR
  vim.notify("ssmc build:\n" .. table.concat(msg, "\n"), level)
end

return M
