-- What the headless Neovim tests share: logging and failing, the
-- environment test/run.sh sets ($SSMC the binary, $SSMC_NVIM_DIR this
-- plugin's folder, $SSMC_FILE a copy of an example), opening the file the
-- way a user's config would, and the run itself: the body in a pcall, then
-- the server stopped and Neovim left with 0 (PASS) or 1 (FAIL and why).
-- Every wait has a timeout, so no test can hang. Loaded with dofile: the
-- tests run with `-u NONE`, before anything is on the runtimepath.
local M = {}

function M.log(msg)
  io.stdout:write(msg .. "\n")
end

function M.fail(msg)
  io.stderr:write("FAIL: " .. msg .. "\n")
  vim.cmd("cquit! 1")
end

-- $SSMC, $SSMC_NVIM_DIR and $SSMC_FILE, each required.
function M.env()
  return {
    ssmc = assert(os.getenv("SSMC"), "SSMC is not set"),
    dir = assert(os.getenv("SSMC_NVIM_DIR"), "SSMC_NVIM_DIR is not set"),
    file = assert(os.getenv("SSMC_FILE"), "SSMC_FILE is not set"),
  }
end

-- What a user's config does: the plugin folder on the runtimepath, filetype
-- detection, the server started with `ssmc lsp`; then the file is opened.
-- `opts.syntax` also turns syntax highlighting on. Returns the buffer.
function M.open(env, opts)
  vim.opt.runtimepath:prepend(env.dir)
  vim.cmd("filetype plugin on")
  if opts ~= nil and opts.syntax then
    vim.cmd("syntax on")
  end
  vim.cmd("runtime! ftdetect/ssmc.vim")
  require("ssmc").setup({ cmd = { env.ssmc, "lsp" } })
  vim.cmd("edit " .. vim.fn.fnameescape(env.file))
  return vim.api.nvim_get_current_buf()
end

-- Whether a client is attached to `buf`, the plugin's way (get_clients is
-- 0.10+, buf_get_clients the 0.7 spelling).
function M.wait_for_client(buf)
  local features = require("ssmc.features")
  return vim.wait(15000, function()
    return #features.clients(buf) > 0
  end, 50)
end

function M.buffer_text(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
end

-- The first line holding `needle`: its number (1-based) and the needle's column (0-based).
function M.find_line(buf, needle)
  for lnum, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col ~= nil then
      return lnum, col - 1
    end
  end
  return nil
end

-- Runs `body(env)`; a body fails by calling M.fail (which leaves at once) or
-- by raising. On success the server is stopped, so nothing is left running.
function M.run(body)
  local ok, err = pcall(function()
    body(M.env())
    local all = vim.lsp.get_clients or vim.lsp.get_active_clients
    vim.lsp.stop_client(all())
    vim.wait(2000, function()
      return #all() == 0
    end, 50)
    M.log("PASS")
  end)
  if not ok then
    M.fail(tostring(err))
  else
    vim.cmd("qall!")
  end
end

return M
