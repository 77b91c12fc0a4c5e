# Spatial Fay-Herriot (SAR random effects) with areas that have no direct estimate: an
# independent base-R implementation (matrix algebra only; R's sae is not packaged for Debian and
# sae::eblupSFH / mseSFH take sampled areas only), used as the reference for civis-sae.
#
# Model over all N areas (Petrucci & Salvati 2006; Molina, Salvati & Pratesi 2009):
#   theta = X beta + v,  v = (I - rho W)^-1 u,  u ~ N(0, sigma2 I_N),  G = sigma2 C,
#   C = [(I - rho W)'(I - rho W)]^-1  (N x N, W the full proximity matrix as given);
#   direct estimates y_s = theta_s + e_s, e ~ N(0, diag psi), for the sampled areas s only,
#   so the likelihood is that of y_s ~ N(X_s beta, V), V = G[s, s] + diag(psi).
# REML / ML by Fisher scoring to the exact optimum (relative steps < 1e-14).
# EBLUP of every area j: x_j' beta + G[j, s] V^-1 (y - X_s beta).
# MSE (second order, Singh, Shukla & Kundu 2005 generalised to any target j): with h = G[s, j],
# r = V^-1 h, z = e_j - r (an N-vector: 1 at j, -r on s), F_1 = C, F_2 = sigma2 dC/drho the first
# and D_12 = dC/drho, D_22 = sigma2 d2C/drho2 the second derivatives of the full G,
#   g1 = G[j, j] - h'r,  g2 = a'Q a with a = x_j - X_s' r,  Q = (X_s' V^-1 X_s)^-1,
#   g3 = sum_ab Iinv_ab l_a' V l_b with l_a = V^-1 F_a[s, ] z,
#   g4 = 1/2 sum_ab Iinv_ab z' D_ab z,   (minus b' grad g1 for ML, grad_a g1 = z' F_a z)
#   mse = g1 + g2 + 2 g3 - g4 [- b' grad g1],   I the REML information (as sae::mseSFH).
# For a sampled area this is exactly sae::mseSFH's formula; the script checks that it agrees with
# a transcription of sae's in-sample layout (g1 = psi - psi^2 (V^-1)_ii, ...).
# Parametric bootstrap (Molina, Salvati & Pratesi 2009; sae::pbmseSFH): u* ~ N(0, sigma2 I_N),
# theta* = X beta + (I - rho W)^-1 u*, y*_s = theta*_s + e*, refit (with sae's stopping rule,
# PRECISION = 1e-4, MAXITER = 100, as pbmseSFH), mse = mean (eblup* - theta*)^2, for every area
# (sampled or not), with its Monte Carlo standard error.
#
# Usage: Rscript sfh_out_of_sample.R SHARED_DIR OUT.csv [B]
args <- commandArgs(trailingOnly = TRUE)
shared <- args[1]; out <- args[2]; B <- if (length(args) > 2) as.integer(args[3]) else 500L
sae_dir <- file.path(shared, "data", "sae")
smp <- read.csv(file.path(sae_dir, "eusilcA_smpAgg.csv"))
pop <- read.csv(file.path(sae_dir, "eusilcA_popAgg.csv"))
units <- read.csv(file.path(sae_dir, "eusilcA_smp.csv"))
W <- unname(as.matrix(read.csv(file.path(sae_dir, "eusilcA_prox.csv"))))
dom <- smp$Domain
N <- length(dom)
Xall <- cbind(1, as.matrix(pop[match(dom, pop$Domain), c("cash", "self_empl", "unempl_ben")]))
s <- which(dom %in% units$district)
o <- which(!(dom %in% units$district))
stopifnot(length(s) == 70, length(o) == 24)
ys <- smp$Mean[s]; psi <- smp$Var_Mean[s]; Xs <- Xall[s, , drop = FALSE]
m <- length(s); p <- ncol(Xall)
WtW <- crossprod(W)
tr <- function(A) sum(diag(A))

parts <- function(sigma2, rho, y, second = FALSE) {
  A <- diag(N) - rho * W
  C <- solve(crossprod(A))
  R <- 2 * rho * WtW - W - t(W)
  dC <- -C %*% R %*% C
  d2C <- if (second) 2 * (C %*% R %*% C %*% R %*% C) - 2 * (C %*% WtW %*% C) else NULL
  V <- sigma2 * C[s, s] + diag(psi)
  Vi <- solve(V)
  Q <- solve(t(Xs) %*% Vi %*% Xs)
  beta <- Q %*% t(Xs) %*% Vi %*% y
  P <- Vi - Vi %*% Xs %*% Q %*% t(Xs) %*% Vi
  list(C = C, dC = dC, d2C = d2C, V = V, Vi = Vi, Q = Q, beta = drop(beta), P = P,
       D = list(C[s, s], sigma2 * dC[s, s]))
}

fit <- function(y, method, tol = 1e-13, maxit = 2000, sae_rule = FALSE) {
  theta <- c(median(psi), 0.5)
  for (it in 1:maxit) {
    st <- parts(theta[1], theta[2], y)
    base <- if (method == "REML") st$P else st$Vi
    Py <- st$P %*% y
    sc <- sapply(1:2, function(a) -0.5 * tr(base %*% st$D[[a]]) + 0.5 * drop(t(Py) %*% st$D[[a]] %*% Py))
    I <- matrix(0, 2, 2)
    for (a in 1:2) for (b in 1:2) I[a, b] <- 0.5 * tr(base %*% st$D[[a]] %*% base %*% st$D[[b]])
    new <- theta + solve(I, sc)
    new[2] <- min(max(new[2], -0.999), 0.999)
    step <- if (sae_rule) max((new - theta) / theta * sign(new - theta)) else
      max(abs(new - theta) / pmax(abs(theta), c(1e-10 * median(psi), 1e-6)))
    theta <- new
    if (step < tol) break
  }
  theta[1] <- max(theta[1], 0)
  list(sigma2 = theta[1], rho = theta[2], iterations = it)
}

eblup_all <- function(f, y) {
  st <- parts(f$sigma2, f$rho, y)
  G <- f$sigma2 * st$C
  drop(Xall %*% st$beta + G[, s] %*% st$Vi %*% (y - Xs %*% st$beta))
}

mse_all <- function(f, method) {
  sigma2 <- f$sigma2; rho <- f$rho
  st <- parts(sigma2, rho, ys, second = TRUE)
  G <- sigma2 * st$C
  Fd <- list(st$C, sigma2 * st$dC)                   # first derivatives of G (full)
  Dd <- list(list(0 * st$C, st$dC), list(st$dC, sigma2 * st$d2C))  # second derivatives
  I <- matrix(0, 2, 2)
  for (a in 1:2) for (b in 1:2) I[a, b] <- 0.5 * tr(st$P %*% st$D[[a]] %*% st$P %*% st$D[[b]])
  Iinv <- solve(I)
  bias <- c(0, 0)
  if (method == "ML") {
    ViX <- st$Vi %*% Xs
    h <- sapply(1:2, function(a) -tr(st$Q %*% t(ViX) %*% st$D[[a]] %*% ViX))
    bias <- 0.5 * drop(Iinv %*% h)
  }
  res <- matrix(0, N, 6, dimnames = list(NULL, c("g1", "g2", "g3", "g4", "ml_bias", "mse")))
  for (j in 1:N) {
    h <- G[s, j]; r <- drop(st$Vi %*% h)
    z <- numeric(N); z[j] <- 1; z[s] <- z[s] - r
    g1 <- G[j, j] - sum(h * r)
    a <- Xall[j, ] - drop(t(Xs) %*% r)
    g2 <- drop(t(a) %*% st$Q %*% a)
    l <- lapply(1:2, function(k) drop(st$Vi %*% (Fd[[k]][s, ] %*% z)))
    g3 <- 0; g4 <- 0; mlb <- 0
    for (a1 in 1:2) for (b1 in 1:2) {
      g3 <- g3 + Iinv[a1, b1] * drop(t(l[[a1]]) %*% st$V %*% l[[b1]])
      g4 <- g4 + 0.5 * Iinv[a1, b1] * drop(t(z) %*% Dd[[a1]][[b1]] %*% z)
    }
    if (method == "ML") mlb <- sum(bias * sapply(1:2, function(k) drop(t(z) %*% Fd[[k]] %*% z)))
    res[j, ] <- c(g1, g2, g3, g4, mlb, g1 + g2 + 2 * g3 - g4 - mlb)
  }
  # cross-check for the sampled areas: sae::mseSFH's layout (psi-form of g1, L_i rows, psi^2 g4)
  Gs <- G[s, s]; GVi <- Gs %*% st$Vi
  for (k in seq_along(s)) {
    i <- s[k]
    g1 <- psi[k] - psi[k]^2 * st$Vi[k, k]
    L <- rbind((st$D[[1]] %*% st$Vi - GVi %*% st$D[[1]] %*% st$Vi)[k, ],
               (st$D[[2]] %*% st$Vi - GVi %*% st$D[[2]] %*% st$Vi)[k, ])
    g3 <- tr(L %*% st$V %*% t(L) %*% Iinv)
    d12 <- (st$Vi %*% st$dC[s, s] %*% st$Vi)[k, k]
    d22 <- (st$Vi %*% (sigma2 * st$d2C[s, s]) %*% st$Vi)[k, k]
    g4 <- 0.5 * psi[k]^2 * (d12 * (Iinv[1, 2] + Iinv[2, 1]) + d22 * Iinv[2, 2])
    stopifnot(abs(g1 - res[i, "g1"]) <= 1e-10 * abs(g1), abs(g3 - res[i, "g3"]) <= 1e-8 * abs(g3),
              abs(g4 - res[i, "g4"]) <= 1e-8 * max(abs(g4), 1e-12 * res[i, "mse"]))
  }
  res
}

rows <- list()
add <- function(dataset, method, quantity, domain, value)
  rows[[length(rows) + 1]] <<- data.frame(dataset = dataset, method = method, quantity = quantity,
                                          domain = domain, value = value)
ds <- "eusilcA_Mean_70of94"
for (method in c("REML", "ML")) {
  f <- fit(ys, method)
  st <- parts(f$sigma2, f$rho, ys)
  add(ds, method, "refvar", "", f$sigma2)
  add(ds, method, "rho", "", f$rho)
  for (k in 1:p) add(ds, method, paste0("beta_", c("(Intercept)", "cash", "self_empl", "unempl_ben")[k]), "", st$beta[k])
  e <- eblup_all(f, ys)
  ms <- mse_all(f, method)
  for (j in 1:N) {
    add(ds, method, "eblup", dom[j], e[j])
    for (q in colnames(ms)) add(ds, method, q, dom[j], ms[j, q])
  }
  cat(method, ": sigma2 =", f$sigma2, " rho =", f$rho, " iterations", f$iterations, "\n")
  stopifnot(f$iterations < 2000)
  if (method == "REML") {
    fit_reml <- f
  }
}

# Parametric bootstrap (REML), B replicates.
set.seed(20261207)
f <- fit_reml
st <- parts(f$sigma2, f$rho, ys)
Ainv <- solve(diag(N) - f$rho * W)
xb <- drop(Xall %*% st$beta)
sq <- matrix(NA_real_, B, N)
for (b in 1:B) {
  theta <- xb + drop(Ainv %*% rnorm(N, 0, sqrt(f$sigma2)))
  y <- theta[s] + rnorm(m, 0, sqrt(psi))
  fb <- fit(y, "REML", tol = 1e-4, maxit = 100, sae_rule = TRUE)
  sq[b, ] <- (eblup_all(fb, y) - theta)^2
}
pb <- colMeans(sq); mcse <- apply(sq, 2, sd) / sqrt(B)
for (j in 1:N) {
  add(ds, paste0("REML_PB_B", B), "pb_mse", dom[j], pb[j])
  add(ds, paste0("REML_PB_B", B), "pb_mse_mcse", dom[j], mcse[j])
}
outdf <- do.call(rbind, rows)
write.csv(outdf, out, row.names = FALSE, quote = TRUE)
cat(nrow(outdf), "rows written to", out, "\n")
